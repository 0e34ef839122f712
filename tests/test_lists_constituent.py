"""A list is one constituent of its sentence: where its first member begins and where one list
ends and the next begins (quizgen/extract/lists.py with extract/members.py), on sentences
written for these tests or taken from the dev documents (lishi_jueyi)."""

from __future__ import annotations

import pytest

from quizgen.extract import lists, sentence_candidates
from quizgen.extract.terms import segment


def enumerations(sentence: str) -> list[list[str]]:
    return [c.spans for c in lists.find_enumerations(sentence, segment) + lists.find_pairs(sentence, segment)]


@pytest.mark.parametrize("sentence, members", [
    # each member has its own verb and no other member is an object of the verb before the list:
    # the first member keeps its verb
    ("编制规划要遵循规律、广泛听证、于法有据。", ["遵循规律", "广泛听证", "于法有据"]),
    ("健全机制要增强针对性、丰富手段，并留有余地。", ["增强针对性", "丰富手段"]),
    ("各地要着力提升服务效能、优化营商环境、降低企业成本，推动经济平稳运行。",
     ["提升服务效能", "优化营商环境", "降低企业成本"]),
    # jieba keeps 切实增强 as one word: it still is the first member's verb, not the list's
    ("切实增强发展动力、防范重大风险、稳定社会预期，推动经济持续向好。",
     ["切实增强发展动力", "防范重大风险", "稳定社会预期"]),
    ("切实加强基层基础、健全工作机制、提升服务能力，打通服务群众最后一公里。",
     ["切实加强基层基础", "健全工作机制", "提升服务能力"]),
])
def test_a_verb_before_a_list_of_verb_phrases_belongs_to_the_first_member(sentence, members):
    assert members in enumerations(sentence)


@pytest.mark.parametrize("sentence, members", [
    # a verb governing a list of nouns (or idioms) is not part of the first member
    ("全面推进党的政治建设、思想建设、组织建设、作风建设、纪律建设，把制度建设贯穿其中。",
     ["政治建设", "思想建设", "组织建设", "作风建设", "纪律建设"]),
    ("补齐儿科、老年医学、精神卫生等服务短板。", ["儿科", "老年医学", "精神卫生"]),
    ("必须坚持解放思想、实事求是、与时俱进、求真务实，一切从实际出发。",
     ["解放思想", "实事求是", "与时俱进", "求真务实"]),
    # parallel words ending alike are nouns, whatever jieba tags their first word (继续, 不能)
    ("办好特殊教育、继续教育，引导规范民办教育发展。", ["特殊教育", "继续教育"]),
    ("党坚持不敢腐、不能腐、不想腐一体推进。", ["不敢腐", "不能腐", "不想腐"]),
])
def test_a_verb_governing_the_whole_list_stays_outside_it(sentence, members):
    assert members in enumerations(sentence)


def test_the_first_member_keeps_the_head_it_shares_with_the_others():
    got = enumerations("深化农村土地、农村宅基地、供销社等改革，壮大集体经济。")
    assert ["农村土地", "农村宅基地", "供销社"] in got
    # 看病|方便: a verb-like first word is kept when the rest would be only the shared ending
    got = enumerations("让群众做到不缺衣、不缺食和看病方便、上学方便、出行方便，生活越过越好。")
    assert ["看病方便", "上学方便", "出行方便"] in got


def test_a_joiner_between_two_lists_of_different_form_ends_the_first():
    got = enumerations("让群众做到不缺衣、不缺食和看病方便、上学方便、出行方便，生活越过越好。")
    assert ["不缺衣", "不缺食"] in got
    assert not any("不缺食和看病方便" in m or "看病方便" in ms and "不缺衣" in ms for ms in got for m in ms)


@pytest.mark.parametrize("sentence, members", [
    # a member with a joiner of its own, and a list of pairs, stay one list
    ("确定全面深化改革的总目标、战略重点、优先顺序、主攻方向、工作机制、推进方式和时间表、路线图。",
     ["总目标", "战略重点", "优先顺序", "主攻方向", "工作机制", "推进方式和时间表", "路线图"]),
])
def test_a_member_holding_a_joiner_is_not_split(sentence, members):
    assert members in enumerations(sentence)


def test_a_conjunction_ending_on_shi_is_no_copula():
    # 特别是 / 尤其是 introduce a part of the subject: no X是Y rule, and no span across them
    for s in ("各级干部特别是年轻干部要经受严格的思想淬炼，不断增强本领。",
              "各类企业尤其是中小企业是吸纳就业的主力军。"):
        spans = [sp for c in sentence_candidates(s, s) for sp in c.spans]
        assert not any(sp.endswith(("特别", "尤其")) or sp.startswith(("年轻干部要", "中小企业是")) for sp in spans), spans


def test_a_subject_said_by_someone_does_not_take_the_speaker():
    s = "党明确我国社会的主要矛盾是人民日益增长的物质文化需要同落后的社会生产之间的矛盾。"
    spans = [sp for c in sentence_candidates(s, s) for sp in c.spans]
    assert spans and not any(sp.startswith("党明确") for sp in spans), spans


def test_a_word_jieba_joins_across_the_lists_start_is_cut_at_the_shared_head():
    # jieba reads 好大 (so big) across 践行好|大农业观: the first member begins where the other does
    assert ["大农业观", "大食物观"] in enumerations("我们必须践行好大农业观、大食物观，把饭碗端在自己手上。")


@pytest.mark.parametrize("sentence", [
    # the last "member" is a manner word and a coverb phrase (踏踏实实把企业办好): these are not
    # parallel members, and no cut of them (踏踏实实把, 踏踏实实把企业) is one
    "积极支持企业家专注创新发展、敢干敢闯敢投、踏踏实实把企业办好。",  # gov_work_report_2024
    "鼓励青年专注本职工作、敢想敢干敢拼、扎扎实实把本领练好。",
])
def test_a_member_never_ends_inside_a_coverb_phrase(sentence):
    for members in enumerations(sentence):
        assert not any(m.endswith(("把", "把企业", "把本领")) for m in members), members


def test_a_last_member_closed_by_deng_runs_to_it_within_twice_the_others_length():
    # gov_work_report_2024: 招商引资不当竞争 is one member (不当竞争 in招商引资), not 招商引资 then a noun
    assert ["地方保护", "市场分割", "招商引资不当竞争"] in enumerations(
        "专项治理地方保护、市场分割、招商引资不当竞争等突出问题，加强对招投标市场的规范和管理。")


def test_a_member_after_the_joiner_is_never_cut_before_its_deng():
    # gov_work_report_2024: 铁路和综合|运输体系 was a member 综合
    found = enumerations("深化电力、油气、铁路和综合运输体系等改革，健全自然垄断环节监管体制机制。")
    assert found and not any("综合" in members for members in found)


def test_a_last_member_of_verbs_keeps_the_object_that_closes_the_clause():
    # gov_work_report_2024: 防范化解|风险 left 风险 outside the list, as if every member were a 风险
    assert ["扩大内需", "优化结构", "提振信心", "防范化解风险"] in enumerations(
        "围绕扩大内需、优化结构、提振信心、防范化解风险，延续优化一批阶段性政策。")


def test_nouns_between_the_coverb_and_the_first_member_are_its_own():
    # shijiuda_report: 向边远|贫困地区 left 边远 outside the first blank (边远____、____…)
    assert ["边远贫困地区", "边疆民族地区", "革命老区", "基层一线"] in enumerations(
        "鼓励引导人才向边远贫困地区、边疆民族地区、革命老区和基层一线流动。")
    # no longer than the longest other member: a coverb's whole object is not one member
    assert ["革命老区", "民族地区", "边疆地区", "贫困地区"] in enumerations("重点向革命老区、民族地区、边疆地区、贫困地区倾斜。")


def test_a_verb_jieba_tags_an_adjective_still_governs_the_list():
    # gov_work_report_2024: 稳定|畜牧业、渔业生产能力 is no list of 稳定畜牧业 and 渔业生产能力
    found = enumerations("扩大油料生产，稳定畜牧业、渔业生产能力，发展现代设施农业。")
    assert ["稳定畜牧业", "渔业生产能力"] not in found
    assert ["畜牧业", "渔业", "林业"] in enumerations("稳定畜牧业、渔业、林业生产，发展现代设施农业。")


def test_a_member_after_the_joiner_is_whole_and_a_count_keeps_the_first_members_modifier():
    # gov_work_report_2024: 一批创新基地、优势团队和重点方向 (not 基地 … 重点|方向)
    s = "强化基础研究系统布局，长期稳定支持一批创新基地、优势团队和重点方向，增强原始创新能力。"
    assert ["创新基地", "优势团队", "重点方向"] in enumerations(s)
    # a noun every member shares stays outside: 接纳、配置和调控|能力
    s = "提高电网对清洁能源的接纳、配置和调控能力，发展新型储能。"
    assert ["接纳", "配置", "调控"] in enumerations(s)


def test_a_short_word_after_the_joiner_running_into_a_noun_is_no_member():
    # gov_work_report_2024: 科研项目和经费管理制度改革: 经费 modifies 管理 with 科研项目, no member
    found = enumerations("深化科技评价、科技奖励、科研项目和经费管理制度改革，健全“揭榜挂帅”机制。")
    assert ["科技评价", "科技奖励", "科研项目"] in found
    assert not any("经费" in m for ms in found for m in ms)
    # closing its list (等, or its clause), the short member after 和 is one
    assert ["科技评价", "科技奖励", "科研项目", "经费"] in enumerations("完善科技评价、科技奖励、科研项目和经费等制度。")


def test_a_first_member_keeps_the_character_the_next_member_opens_with():
    # shijiuda_report: 多主体供给、多渠道保障、租购并举 (not 多|主体供给)
    found = enumerations("加快建立多主体供给、多渠道保障、租购并举的住房制度，让全体人民住有所居。")
    assert ["多主体供给", "多渠道保障", "租购并举"] in found
