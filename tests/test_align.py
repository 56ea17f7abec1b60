import numpy as np

from crosscheck.align import align_pair, anchor_bonus, cosine_matrix


def test_mutual_best_pairs_above_threshold():
    sim = np.array([[0.9, 0.1, 0.2], [0.2, 0.3, 0.8], [0.1, 0.2, 0.3]])
    groups = align_pair(sim, threshold=0.6)
    assert [(g.left, g.right) for g in groups] == [((0,), (0,)), ((1,), (2,))]
    assert groups[0].similarity == 0.9


def test_one_sentence_that_sums_up_two():
    # left 0 is the best counterpart of right 0 and of right 1
    sim = np.array([[0.8, 0.65], [0.1, 0.2]])
    groups = align_pair(sim, threshold=0.6)
    assert [(g.left, g.right) for g in groups] == [((0,), (0, 1))]


def test_weak_extra_link_needs_a_shared_anchor():
    sim = np.array([[0.8, 0.55], [0.1, 0.2]])
    assert [(g.left, g.right) for g in align_pair(sim, threshold=0.6)] == [((0,), (0,))]
    evidence = np.array([[False, True], [False, False]])
    assert [(g.left, g.right) for g in align_pair(sim, threshold=0.6, evidence=evidence)] == [((0,), (0, 1))]


def test_no_many_to_many_groups_and_each_statement_once():
    rng = np.random.default_rng(1)
    for _ in range(50):
        sim = rng.uniform(0.3, 1.0, size=(6, 7))
        groups = align_pair(sim, threshold=0.6)
        lefts = [i for g in groups for i in g.left]
        rights = [j for g in groups for j in g.right]
        assert len(lefts) == len(set(lefts)) and len(rights) == len(set(rights))
        assert all(len(g.left) == 1 or len(g.right) == 1 for g in groups)
        assert all(sim[g.left[0], g.right[0]] >= 0.5 for g in groups)


def test_cosine_matrix_matches_brute_force():
    rng = np.random.default_rng(2)
    a = rng.normal(size=(5, 8))
    b = rng.normal(size=(4, 8))
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    b /= np.linalg.norm(b, axis=1, keepdims=True)
    brute = np.array([[float(x @ y) for y in b] for x in a])
    assert np.allclose(cosine_matrix(a, b), brute)


def test_anchor_bonus_rewards_rare_shared_names_only():
    left = [frozenset({"name:trueconf"}), frozenset({"name:russia"}), frozenset()]
    right = [frozenset({"name:trueconf", "name:russia"})]
    frequency = {"name:trueconf": 2, "name:russia": 10}
    bonus = anchor_bonus(left, right, frequency, n_statements=10)
    assert bonus[0, 0] > 0.1 and bonus[1, 0] == 0 and bonus[2, 0] == 0
