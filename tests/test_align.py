import numpy as np
import pytest

from crosscheck.align import StoryIndex, align_pair, anchor_bonus, cosine_matrix, term_overlap


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


def test_without_extra_links_no_many_to_many_groups_and_each_statement_once():
    rng = np.random.default_rng(1)
    for _ in range(50):
        sim = rng.uniform(0.3, 1.0, size=(6, 7))
        groups = align_pair(sim, threshold=0.6, extra_links=False)
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


def test_a_statement_that_reports_two_things_matches_one_statement_for_each():
    # right 0 sums up left 0 and left 1 (a full group of three); left 2's best is right 0
    # too: that link is kept as a group of its own instead of being lost.
    sim = np.array([[0.95, 0.1], [0.9, 0.2], [0.85, 0.3]])
    assert [(g.left, g.right) for g in align_pair(sim, threshold=0.6)] == [((0, 1), (0,)), ((2,), (0,))]
    assert [(g.left, g.right) for g in align_pair(sim, threshold=0.6, extra_links=False)] == [((0, 1), (0,))]


def test_extra_links_are_still_best_links_above_the_threshold():
    rng = np.random.default_rng(3)
    for _ in range(50):
        sim = rng.uniform(0.2, 1.0, size=(5, 6))
        for g in align_pair(sim, threshold=0.6):
            for i in g.left:
                for j in g.right:
                    assert sim[i, j] >= 0.5 and (sim[i].argmax() == j or sim[:, j].argmax() == i)


def test_term_overlap_weighs_words_by_their_rarity_in_the_story():
    left = [frozenset({"senat", "vote", "filibust"}), frozenset({"senat", "said"})]
    right = [frozenset({"filibust", "senat"}), frozenset({"senat", "weather"})]
    frequency = {"senat": 4, "vote": 1, "filibust": 2, "said": 1, "weather": 1}
    overlap = term_overlap(left, right, frequency, n_statements=4)
    assert overlap[0, 0] > 0.5  # a rare shared word
    assert overlap[1, 1] == 0  # only a word every statement has
    assert overlap.shape == (2, 2) and (overlap >= 0).all() and (overlap <= 1.0001).all()


def test_a_reproduced_quote_scores_above_its_cosine():
    anchors = [frozenset(), frozenset(), frozenset(), frozenset()]
    terms = [frozenset({"door", "reform", "lawmak", "walk"}), frozenset({"weather"}),
             frozenset({"door", "reform", "lawmak", "walk", "decad"}), frozenset({"budget"})]
    vectors = np.eye(4, dtype=np.float32)  # cosine 0 between all of them
    sim, evidence = StoryIndex.build(anchors, terms).scores(vectors, [0, 1], [2, 3])
    assert sim[0, 0] > 0.6 > sim[1, 1] and not evidence.any()


def test_two_named_speakers_saying_alike_things_score_lower_than_one_speaker():
    anchors = [frozenset()] * 3
    terms = [frozenset({"budget", "fair"})] * 3
    speakers = [frozenset({"ortiz"}), frozenset({"ortiz"}), frozenset({"bell"})]
    vectors = np.tile(np.eye(1, 4, dtype=np.float32), (3, 1))
    sim, _ = StoryIndex.build(anchors, terms, speakers).scores(vectors, [0], [1, 2])
    assert sim[0, 0] - sim[0, 1] == pytest.approx(0.2)
    unnamed = StoryIndex.build(anchors, terms, [frozenset({"ortiz"}), frozenset(), frozenset()])
    assert unnamed.scores(vectors, [0], [1, 2])[0][0, 0] == unnamed.scores(vectors, [0], [1, 2])[0][0, 1]


def test_a_headline_does_not_take_a_body_statement_from_its_counterpart():
    # left: headline 0, body 1; right: headline 0, body 1. Left body 1 is closest to the right
    # headline (it sums up the story) but reports what right body 1 reports.
    sim = np.array([[0.9, 0.5], [0.8, 0.7]])
    heads = (np.array([True, False]), np.array([True, False]))
    plain = [(g.left, g.right) for g in align_pair(sim, threshold=0.6, extra_links=False)]
    assert ((1,), (1,)) not in plain
    aware = [(g.left, g.right) for g in align_pair(sim, threshold=0.6, headlines=heads)]
    assert ((0,), (0,)) in aware and ((1,), (1,)) in aware


def test_a_lede_takes_at_most_two_links_beyond_its_group():
    # every left statement's best match is right 0 (a lede that sums up the story)
    sim = np.array([[0.95], [0.9], [0.85], [0.8], [0.75], [0.7]])
    groups = align_pair(sim, threshold=0.6)
    assert sum(1 for g in groups if 0 in g.right) == 3  # its group (two left statements) and two more links
    assert [(g.left, g.right) for g in groups] == [((0, 1), (0,)), ((2,), (0,)), ((3,), (0,))]
