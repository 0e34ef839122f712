"""Practice results (quizgen.results): names kept as typed but cleaned, records appended safely
under the lock and read back, a damaged line skipped, the xlsx table with text cells only."""

from __future__ import annotations

import io
import threading

import pytest
from openpyxl import load_workbook

from quizgen.errors import InputError
from quizgen.results import (
    HEADER,
    MAX_NAME,
    PracticeSettings,
    ResultRecord,
    append_result,
    clean_name,
    load_results,
    load_settings,
    parse_count,
    results_path,
    results_xlsx,
    save_settings,
    sessions,
)


def rec(name: str, **kw) -> ResultRecord:
    base = {"right": 3, "answered": 4, "planned": 4, "points": 6, "max_points": 8,
            "started": "2026-12-01 09:00:00", "ended": "2026-12-01 09:01:10", "seconds": 70, "wrong": ["j-true"]}
    base.update(kw)
    return ResultRecord(name=name, **base)


def test_a_name_is_what_was_typed_without_control_characters_and_cut_short():
    assert clean_name("  张\x1b[31m三\r\n ") == "张[31m三"
    assert clean_name("李\u202e四\u200b") == "李四"
    assert clean_name("<b>x</b>") == "<b>x</b>"
    assert clean_name("王  五\t六") == "王 五 六"
    assert len(clean_name("名" * 500)) == MAX_NAME
    with pytest.raises(InputError):
        clean_name("\x00\x07 ")


def test_records_are_appended_and_read_back_in_order(tmp_path):
    append_result(tmp_path, rec("张三", session="第一场"))
    append_result(tmp_path, rec("=HYPERLINK(\"x\")", session="第二场", started="2026-12-02 09:00:00"))
    loaded = load_results(tmp_path)
    assert [r.name for r in loaded.records] == ["张三", "=HYPERLINK(\"x\")"] and loaded.skipped == 0
    assert loaded.records[0].score == 75 and loaded.records[0].wrong == ["j-true"]
    assert sessions(loaded.records) == ["第二场", "第一场"]
    assert not list(tmp_path.glob(".*.lock")) and not list(tmp_path.glob("*.tmp"))


def test_a_damaged_line_is_skipped_and_kept_out_of_the_next_write(tmp_path):
    append_result(tmp_path, rec("张三"))
    with results_path(tmp_path).open("a", encoding="utf-8") as fh:
        fh.write('{"name": "半行\n[1, 2]\n{"name": "", "right": 1}\n')
    loaded = load_results(tmp_path)
    assert [r.name for r in loaded.records] == ["张三"] and loaded.skipped == 3
    append_result(tmp_path, rec("李四"))
    assert [r.name for r in load_results(tmp_path).records] == ["张三", "李四"]


def test_no_results_file_is_no_results_and_a_missing_bank_folder_is_an_error(tmp_path):
    assert load_results(tmp_path).records == []
    with pytest.raises(InputError, match="题库文件夹不存在"):
        append_result(tmp_path / "nope", rec("张三"))


def test_members_finishing_at_once_are_all_kept(tmp_path):
    threads = [threading.Thread(target=append_result, args=(tmp_path, rec(f"成员{i}"))) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.name for r in load_results(tmp_path).records) == sorted(f"成员{i}" for i in range(12))


def test_the_xlsx_has_chinese_headers_and_a_name_starting_with_equals_stays_text(tmp_path):
    data = results_xlsx([rec("=1+1", session="第一场"), rec("张三")], {"j-true": "我们要坚持以人民为中心…"})
    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == HEADER and rows[0][:3] == ("场次", "姓名", "得分")
    assert rows[1][:5] == ("第一场", "=1+1", 75, 3, 4)
    assert ws["B2"].data_type == "s"
    assert rows[1][5] == "1 分 10 秒" and rows[1][-1] == "我们要坚持以人民为中心…"
    assert rows[2][1] == "张三"


def test_the_organisers_session_settings_round_trip(tmp_path):
    assert load_settings(tmp_path) == PracticeSettings("", 10)
    saved = save_settings(tmp_path, PracticeSettings(" 十二月\n主题党日 ", 20))
    assert saved == PracticeSettings("十二月 主题党日", 20) == load_settings(tmp_path)
    assert parse_count(" 15 ") == 15
    for bad in ("0", "x", "1000"):
        with pytest.raises(InputError, match="题数"):
            parse_count(bad)
