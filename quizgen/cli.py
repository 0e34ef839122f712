"""The command line: parses options and calls the library; errors become messages and exit codes.

Heavy modules (jieba, reportlab, python-docx) are imported inside the commands so that
``quizgen --help`` stays fast.
"""

from __future__ import annotations

import sys

import click

from quizgen import __version__, clizh
from quizgen.errors import ERROR_PREFIX, QuizgenError

clizh.install()  # before the commands are declared: click's own words (用法, 选项, …) in Chinese

BANK_HELP = "题库文件夹。"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ChineseParams:
    """Option metavars (整数, 文字) and the missing-argument error in Chinese."""

    context_class = clizh.ChineseContext

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)
        clizh.chinese_metavars(self.params)

    def parse_args(self, ctx, args):
        try:
            return super().parse_args(ctx, args)
        except click.MissingParameter as exc:
            raise click.UsageError(clizh.missing_message(exc, ctx), ctx) from None


class QuizgenCommand(ChineseParams, click.Command):
    """A subcommand."""


class QuizgenGroup(ChineseParams, click.Group):
    """Turns QuizgenError into one line on stderr and its exit code; never a traceback."""

    command_class = QuizgenCommand
    group_class = type  # subgroups (``bank``) are QuizgenGroups too

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QuizgenError as exc:
            click.echo(f"{ERROR_PREFIX}{exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("quizgen：已中断", err=True)
            sys.exit(130)


def status_option(f):
    return click.option("--status", help="只用这些状态的题：reviewed 已审，new 未审，或两者 new,reviewed"
                        "（默认两者都用；rejected 已拒绝的题从不使用）。")(f)


def section_option(f):
    return click.option("--section", help="只用这一部分的题：十三（或 第十三部分）、（二）、十三/（二），"
                        "或标题中的词语；多个用逗号隔开。")(f)


def bank_option(f):
    return click.option("--bank", "bank", default="question_bank", show_default=True,
                        type=click.Path(file_okay=False), help=BANK_HELP)(f)


@click.group(cls=QuizgenGroup, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="quizgen")
def main():
    """从党建学习材料生成学习测验题（填空、单选、多选、判断）。

    \b
    常见用法：
      quizgen extract report.txt          # 提取要点和题目，存入 ./question_bank/
      quizgen paper -o 应知应会测试.pdf     # 生成可打印的试卷和参考答案
      quizgen quiz                        # 在终端里练习
    """


EXTRACT_HELP = """从文档中提取要点和题目，存入题库。

可读 .txt（UTF-8、GBK/GB18030、UTF-16）、.docx、.pdf、.html、文件夹（含子文件夹），
或用 `-` 读标准输入。对同一文档再次提取会更新它的题库文件，并保留人工修改、
停用或删除过的每一道题。

\b
示例：
  quizgen extract seed_article.txt
  quizgen extract --bank my_bank docs/ -j 2
"""


@main.command(help=EXTRACT_HELP, context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True, metavar="文件...")
@bank_option
@click.option("--name", help="标准输入的文档名（默认：stdin）。")
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="文件多时并行处理的进程数。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度。")
@click.option("--title", help="文档标题（只用于一个输入）：试卷的“出处”和题库文件都用它；"
              "默认取文档首行标题或文件属性。")
def extract(inputs, bank, name, jobs, quiet, title):
    from quizgen.pipeline import extract_to_bank

    extract_to_bank(list(inputs), bank, stdin_name=name, jobs=jobs, quiet=quiet, title=title)


EXPORT_HELP = """导出题库中的题目，最重要的在前。

JSON 格式为数组，每项是 {id, type, stem, options?, answer, source: {doc, sentence, spans}}。

\b
示例：
  quizgen export --format json -n 30 -o quiz.json
  quizgen export -n 10 --types fill,judge --doc seed_article
  quizgen export --format xlsx -o 题库.xlsx
  quizgen export --format tencent -o 腾讯问卷.txt
  quizgen export --format wjx -o 问卷星.txt      # 另写 问卷星-答案.xlsx
"""


@main.command(help=EXPORT_HELP, context_settings=CONTEXT)
@bank_option
@click.option("--format", "fmt", default="json", show_default=True, metavar="格式",
              help="导出格式：json（JSON 数组）、xlsx（Excel 题库表）、tencent（腾讯问卷文本导入，带答案和分数）、"
              "wjx（问卷星文本导入，另写“-答案.xlsx”答案文件）、anki（Anki 卡组 .apkg）、"
              "gift（Moodle GIFT）、moodle-xml（Moodle XML）。")
@click.option("-n", "count", type=int, help="题目数量（默认：全部）。")
@click.option("--types", help="题型，用逗号分隔：fill,single,multi,judge（也可写 填空,单选,多选,判断）。")
@click.option("--doc", help="只用这些文档（文档名，用逗号分隔）。")
@click.option("--tag", help="只用带有其中某个标签的题（用逗号分隔）。")
@click.option("-o", "--output", default="-", metavar="文件", help="输出文件（默认：标准输出）。")
@status_option
@section_option
@click.option("--title", help="测验标题，即问卷星文本的第一行（默认：应知应会测试）。")
def export(bank, fmt, count, types, doc, tag, output, status, section, title):
    from quizgen.export import export

    export(bank, output, fmt=fmt, count=count, types=types, docs=doc, tags=tag, statuses=status, sections=section,
           title=title)


IMPORT_HELP = """把已有的题库（Excel 表格、Word 试卷或纯文本试卷）导入题库。

\b
可读：
  .xlsx  表头为 题型、题干、选项A…选项H、答案、分值、解析、出处、章节、难度
         （同 `quizgen export --format xlsx`；答案写 ABD、正确/错误，填空各空用 | 隔开）
  .docx  Word/WPS 试卷：大题标题（一、单项选择题…）、“1. 题干（　　）”、“A. … B. …”，
         答案写在题后（答案：A）或卷末“参考答案”中（quizgen paper 生成的试卷也可）
  .txt   纯文本试卷，版式同上
导入的题算作人工编写的题（已审），属于以文件名命名的文档，重新 extract 时保留；
再次导入同一文件会更新这些题而不会重复。读不出的行或题逐一列出（行号/段号和原因），
其余照常导入；一道也读不出时退出码为 2。

\b
示例：
  quizgen import 旧题库.xlsx
  quizgen import 应知应会测试.docx --bank my_bank --name 2023年测试
  quizgen import 试卷.txt
"""


@main.command("import", help=IMPORT_HELP, context_settings=CONTEXT)
@click.argument("file", metavar="文件", type=click.Path(dir_okay=False))
@bank_option
@click.option("--name", help="导入后的文档名（默认：文件名，不含扩展名）；题库文件为 <文档名>.yaml。")
def import_(file, bank, name):
    from quizgen.importbank import import_file

    import_file(file, bank, name=name)


@main.group(context_settings=CONTEXT)
def bank():
    """检查题库。

    \b
    示例：
      quizgen bank check
      quizgen bank check --bank my_bank
      quizgen bank list
    """


@bank.command("check", context_settings=CONTEXT)
@bank_option
def bank_check(bank):
    """校验题库中的每个 YAML 文件；每个问题按“文件:行”报告。

    \b
    示例：
      quizgen bank check --bank question_bank
    """
    from quizgen.checkbank import check_bank

    check_bank(bank)


@bank.command("list", context_settings=CONTEXT)
@bank_option
def bank_list(bank):
    """列出题库中的文档：每个文档按题型（填空/单选/多选/判断）和状态（未审/已接受/已拒绝）计数，末行合计。

    \b
    示例：
      quizgen bank list --bank question_bank
    """
    from quizgen.banklist import list_bank

    list_bank(bank)


REVIEW_HELP = """逐题审阅题库：接受、拒绝、修改、跳过、撤销；下次从停下的地方继续。

\b
每题显示将要印出的样子（题干、A B C… 选项、答案）、原句（考查的文字标出）、
文档标题、章节、状态和重要度。按键：
  [a]接受（status: reviewed）  [r]拒绝（status: rejected）
  [e]编辑一项（题干、选项、答案、可接受答案；按题库规则检查）
  [s]跳过  [u]撤销上一步（文件恢复原样）  [q]退出
每个决定立即写入题库文件（原子写入，只改这一题）；修改算作人工修改，
重新 extract 时保留。位置记在题库文件夹的 .quizgen-review.json 中，
下次以同样的筛选运行时从停下的题继续。管道输入时每行一个命令
（e 之后下一行是项目编号，再下一行是新内容）。

\b
示例：
  quizgen review
  quizgen review --status new --order document
  quizgen review --doc seed_article --type fill,judge
  printf 'a\\nr\\nq\\n' | quizgen review
"""


@main.command(help=REVIEW_HELP, context_settings=CONTEXT)
@bank_option
@click.option("--doc", help="只审这些文档（逗号分隔）。")
@click.option("--type", "type_", help="只审这些题型：fill,single,multi,judge（或 填空,单选,多选,判断）。")
@click.option("--status", help="只审这些状态：new,reviewed,rejected（默认 all：全部）。")
@click.option("--order", type=click.Choice(["importance", "document", "type", "status", "section"]),
              default="importance", show_default=True, help="顺序：重要度、文档、题型、状态或章节。")
def review(**kwargs):
    from quizgen.review import run_review_cli

    run_review_cli(**kwargs)


PAPER_HELP = """生成可打印的试卷和参考答案（.docx 或 .pdf）。

格式由输出文件的扩展名决定。默认选最重要的题，并在所选题型之间均衡分配；
一份试卷不会把一个知识点考两次。每份试卷都记在题库文件夹的 .papers.json 中，
新试卷不再出近一年试卷出过的题（--repeat-ok 可重复）；同一命令再运行一次，
印出的是同一份试卷。

\b
示例：
  quizgen paper -o 应知应会测试.docx
  quizgen paper -o quiz.pdf -n 30 --types fill,single,multi,judge --points 2,2,3,1 \\
      --title "党建与科技创新 应知应会测试" --seed 7 --versions A,B
"""


@main.command(help=PAPER_HELP, context_settings=CONTEXT)
@bank_option
@click.option("-o", "--output", required=True, metavar="文件", help="输出文件：.docx 或 .pdf。")
@click.option("-n", "count", type=int,
              help="题目数量（默认：20，符合条件的不足 20 道时全选；多于符合条件的题数会报错）。")
@click.option("--types", help="题型，用逗号分隔，按大题顺序（默认：fill,single,multi,judge）。")
@click.option("--points", help="各题型的分值：填空题按每空、其他按每题，顺序同 --types"
              "（默认 fill,single,multi,judge 为 2,2,3,1）；也可写成 fill=2,judge=1。")
@click.option("--total", type=int, help="试卷总分（满分），如 --total 100：按常见比例（填空2、单选2、多选3、判断1）"
              "把整数分值分到各大题，各题分值相加正好等于总分；与 --points 同用时两者须一致。"
              "两者都不给时默认满分100分。")
@click.option("--doc", help="只用这些文档（文档名，用逗号分隔）。")
@click.option("--tag", help="只用带有其中某个标签的题。")
@click.option("--title", help="试卷标题（默认：应知应会测试）。")
@click.option("--subtitle", help="副标题，如日期或单位。")
@click.option("--notes", help="注意事项（各条之间用 ; 分隔）。")
@click.option("--seed", type=int, help="随机种子：从重要的题中随机抽题，种子不同试卷不同，种子相同试卷相同。")
@click.option("--versions", help="生成多套试卷，如 A,B：在 -o 旁写出 quiz-A.pdf、quiz-B.pdf，"
              "每套的题目和选项顺序各不相同，各有自己的参考答案。")
@click.option("--key", type=click.Choice(["end", "separate", "none"]), default="end", show_default=True,
              help="参考答案：end 放在卷末单独一页，separate 另存为 <文件名>-答案<扩展名>"
              "（quiz-答案.pdf、quiz-A-答案.pdf），none 不要答案。")
@status_option
@section_option
@click.option("--repeat-ok", is_flag=True, help="允许用近一年试卷中出过的题"
              "（默认只要还有没出过的题，就不再出）。")
def paper(**kwargs):
    from quizgen.paper import make_paper_cli

    make_paper_cli(**kwargs)


QUIZ_HELP = """在终端里逐题练习，答错的题记入错题本。

每次随机抽一组题，越重要的题越常抽到；用 --seed 则每次题目和顺序都相同。
选择题用字母作答（bd、B D、D,B），判断题答 对/错（也可用 √/×、y/n、t/f），
填空题每空一个答案，用空格或、隔开；输入 `?` 跳过。按 Ctrl-C 或 Ctrl-D 结束，
并显示目前的得分。

每答错一题立即记入错题本（--book 文件，否则 $QUIZGEN_BOOK，否则
$XDG_DATA_HOME/quizgen/wrong_book.json，默认在 ~/.local/share/quizgen/）。
--wrong 复习错题本，错得最多的在前；在复习中连续答对两次的题移出错题本。
也可以用管道输入：每题一行，纯文本。

\b
示例：
  quizgen quiz
  quizgen quiz -n 20 --types single,judge --doc seed_article --seed 3
  quizgen quiz --wrong
  quizgen quiz --challenge --time 30
  printf '重大政治原则 建立现代企业制度\\nA\\n' | quizgen quiz -n 2 --seed 11
"""


@main.command(help=QUIZ_HELP, context_settings=CONTEXT)
@bank_option
@click.option("-n", "count", type=int, help="题目数量（默认：10；用 --challenge 时不限）。")
@click.option("--types", help="题型，用逗号分隔：fill,single,multi,judge（也可写 填空,单选,多选,判断）。")
@click.option("--doc", help="只用这些文档（文档名，用逗号分隔）。")
@click.option("--tag", help="只用带有其中某个标签的题。")
@click.option("--seed", type=int, help="随机种子：种子相同，题目和顺序都相同。")
@click.option("--wrong", is_flag=True, help="只练错题本中的题。")
@click.option("--challenge", is_flag=True, help="挑战答题：一直答下去，答错一题即结束。")
@click.option("--time", "time_limit", type=int,
              help="每题限时（秒）；超时作答算答错（超时）。")
@click.option("--book", metavar="文件", help="错题本文件（默认：用户数据目录；也可用环境变量 QUIZGEN_BOOK）。")
@status_option
@section_option
def quiz(**kwargs):
    from quizgen.quiz import run_quiz_cli

    run_quiz_cli(**kwargs)


SERVE_HELP = """在浏览器里使用题库：题库、审题、组卷等网页（组织者用），练习网页（成员用手机也可）。

默认只在本机 127.0.0.1:8080 提供服务并打开浏览器。要让局域网里的其他电脑和手机访问，
用 --host 0.0.0.0（或本机的局域网地址），这时必须设组织者密码：--password-file 给出
一个文件（第一行是密码），或设环境变量 QUIZGEN_PASSWORD；密码不能写在网址里。
按 Ctrl-C 停止。

\b
示例：
  quizgen serve
  quizgen serve --bank my_bank --port 8000 --no-browser
  quizgen serve --host 0.0.0.0 --password-file 密码.txt
"""


@main.command(help=SERVE_HELP, context_settings=CONTEXT)
@bank_option
@click.option("--host", default="127.0.0.1", show_default=True, help="监听的地址（127.0.0.1 只限本机）。")
@click.option("--port", type=int, default=8080, show_default=True, help="端口。")
@click.option("--password-file", metavar="文件", help="组织者密码文件（第一行是密码）；也可用环境变量 QUIZGEN_PASSWORD。")
@click.option("--no-browser", is_flag=True, help="不自动打开浏览器。")
def serve(bank, host, port, password_file, no_browser):
    from quizgen.web.serve import serve as run

    run(bank=bank, host=host, port=port, password_file=password_file, no_browser=no_browser)


if __name__ == "__main__":
    main()
