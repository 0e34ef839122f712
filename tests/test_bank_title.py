"""Setting a document's title (banktitle.set_title, the web's 题库 page): only the title line
changes, a file without a title gets one after ``doc:``, a bad title is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from quizgen.bank import load_bank
from quizgen.banktitle import set_title
from quizgen.errors import InputError

BANK = Path(__file__).parent / "web" / "fixtures" / "bank"


@pytest.fixture
def bank(tmp_path) -> Path:
    shutil.copytree(BANK, tmp_path / "bank")
    return tmp_path / "bank"


def test_only_the_title_line_changes(bank):
    path = bank / "seed_article.yaml"
    before = path.read_text(encoding="utf-8").splitlines()
    assert set_title(bank, "seed_article", "  党建与科技创新\n融合  ") == "党建与科技创新 融合"
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [i for i, (a, b) in enumerate(zip(before, after)) if a != b]
    assert len(before) == len(after) and len(changed) == 1
    assert after[changed[0]] == "title: 党建与科技创新 融合"
    assert load_bank(bank).files[0].title == "党建与科技创新 融合"


def test_a_file_without_a_title_gets_one_and_keeps_its_comments(bank):
    path = bank / "seed_article.yaml"
    lines = [x for x in path.read_text(encoding="utf-8").splitlines(keepends=True) if not x.startswith("title:")]
    lines.insert(5, "# 审核人：张三\n")
    path.write_text("".join(lines), encoding="utf-8")
    set_title(bank, "seed_article", "标题: 带冒号 # 和井号")
    text = path.read_text(encoding="utf-8")
    assert "# 审核人：张三\n" in text
    assert yaml.safe_load(text)["title"] == "标题: 带冒号 # 和井号"
    assert len(yaml.safe_load(text)["questions"]) == 40
    set_title(bank, "seed_article", "")
    assert "title" not in yaml.safe_load(path.read_text(encoding="utf-8"))


def test_bad_titles_and_documents_are_refused(bank):
    before = (bank / "seed_article.yaml").read_bytes()
    with pytest.raises(InputError, match="控制字符"):
        set_title(bank, "seed_article", "a\x1bb")
    with pytest.raises(InputError, match="太长"):
        set_title(bank, "seed_article", "长" * 201)
    with pytest.raises(InputError, match="没有文档"):
        set_title(bank, "no_such_doc", "x")
    assert (bank / "seed_article.yaml").read_bytes() == before
