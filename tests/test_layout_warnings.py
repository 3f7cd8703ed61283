"""Documents whose reading is uncertain are listed in corpus.errors with a stable
warning kind, so a researcher can pick the ones to check by hand (issue 11)."""

import zhengce as zc

ATTRIBUTED = "（责任单位：省民政厅）"


def kinds(corpus, doc_id):
    return set(corpus.errors.filter(doc_id=doc_id)["kind"].to_list())


def test_each_uncertain_reading_has_its_own_kind():
    docs = {
        # A notice with no numbered body: nothing to compare.
        "notice": "关于做好冬季救助工作的通知\n各市民政局：\n请认真做好冬季困难群众救助工作。\n吉林省民政厅\n2024年11月1日",
        # One record holds almost all of the text (a flattened page?).
        "dominant": "吉林省社会救助工作方案\n一、主要任务\n" + "加强社会救助，完善制度，提高标准。" * 200 + "\n二、保障\n加强领导。",
        # Three of four sibling items name a responsible unit.
        "partial": "吉林省民政厅2024年工作要点\n一、社会救助\n"
        + "".join(f"（{n}）完善第{n}项制度。{ATTRIBUTED}\n" for n in "一二三")
        + "（四）加强资金监管。\n",
        # Nothing says which province issued it.
        "placeless": "工作要点\n一、任务\n（一）提高低保标准。\n（二）完善制度。",
    }
    c = zc.read_texts(docs)
    assert "no_structure" in kinds(c, "notice")
    assert "dominant_record" in kinds(c, "dominant")
    assert "partial_attribution" in kinds(c, "partial")
    assert "no_province" in kinds(c, "placeless")
    # A document read with certainty has none of these.
    assert not kinds(c, "partial") & {"no_province", "dominant_record", "no_structure"}


def test_a_fully_attributed_plan_is_not_flagged():
    text = "吉林省民政厅2024年工作要点\n一、社会救助\n" + "".join(f"（{n}）完善第{n}项制度。{ATTRIBUTED}\n" for n in "一二三四")
    c = zc.read_texts({"full": text})
    assert c.errors.filter(doc_id="full").is_empty()
