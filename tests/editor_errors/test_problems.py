import pytest
from editor_errors import WARNING, BuildStopped, Collector, Problem, stop_if_errors


def test_format_is_path_line_message(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problem = Problem(str(tmp_path / "content" / "a.md"), 3, "Thiếu tiêu đề.")
    assert problem.format() == "content/a.md:3: lỗi: Thiếu tiêu đề."
    assert Problem("b.md", 0, "x", WARNING).format() == "b.md: cảnh báo: x"


def test_stop_if_errors_prints_and_exits_without_traceback(capsys):
    problems = [Problem("a.md", 2, "sai", WARNING), Problem("b.md", 1, "hỏng")]
    with pytest.raises(BuildStopped) as stopped:
        stop_if_errors(problems)
    assert stopped.value.code == 1
    assert isinstance(stopped.value, SystemExit)
    err = capsys.readouterr().err
    assert "a.md:2: cảnh báo: sai" in err
    assert "b.md:1: lỗi: hỏng" in err
    assert "Dừng xây dựng: 1 lỗi" in err


def test_warnings_alone_do_not_stop(capsys):
    stop_if_errors([Problem("a.md", 2, "chú ý", WARNING)])
    assert "a.md:2: cảnh báo: chú ý" in capsys.readouterr().err


def test_collector_keeps_each_problem_once():
    collector = Collector()
    problem = Problem("a.md", 1, "x")
    collector.report(problem, problem)
    assert collector.errors == [problem]
