"""Synthetic counties for scale runs: both layouts, monitoring workbooks, and the many-county report."""
import pytest

from helpers import analyse, synthetic
from helpers.analyse import charts
from helpers.core import paths
from helpers.core.errors import InputError
from helpers.extract import dataset
from helpers.report import chapters
from helpers.report.context import load_report_context


def test_refuses_to_write_into_raw_data():
    with pytest.raises(InputError, match="refusing"):
        synthetic.generate(2, paths.RAW_DIR / "scratch")
    with pytest.raises(InputError, match="refusing"):
        synthetic.generate(2, paths.PROJECT_ROOT / "data")


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    scratch = synthetic.generate(8, tmp_path_factory.mktemp("synthetic") / "s", seed=3)
    ds = dataset.build(scratch / "raw", scratch / "config")
    dataset.write(ds, scratch / "processed")
    analyse.build_tables(scratch / "processed", scratch / "config")
    return scratch, ds


def test_both_layouts_and_monitoring_run_through_the_same_pipeline(many):
    scratch, ds = many
    from helpers.core.config import load_sources
    layouts = {p.layout for p in load_sources(scratch / "config").plans}
    assert layouts == {"word_tab_cells", "cell_per_line"}
    assert set(ds.indicators["origin"]) == {"table", "prose", "monitoring"}
    assert ds.indicators["entity"].nunique() == 9                     # 8 counties and the province
    assert not ds.indicators.duplicated(["entity", "indicator_id", "year", "kind"]).any()
    assert ds.consistency.empty                                         # generated prose agrees with tables


def test_many_counties_compare_with_peer_median_not_pairs(many):
    scratch, _ = many
    inputs = analyse.load_inputs(scratch / "processed", scratch / "config")
    comparison = analyse.comparison_table(inputs)
    peers = comparison[comparison["comparison"] == "county_vs_peers"]
    assert "county_vs_county" not in set(comparison["comparison"])
    assert len(peers) == 8 * peers["indicator_id"].nunique()
    row = peers[peers["indicator_id"] == "talent_total"].sort_values("rank_latest").iloc[0]
    others = peers[(peers["indicator_id"] == "talent_total") & (peers["entity"] != row["entity"])]["latest_value"]
    assert row["other_value"] == pytest.approx(others.median()) and row["rank_latest"] == 1


def test_many_counties_report_is_compact(many):
    scratch, _ = many
    ctx = load_report_context(scratch / "processed", scratch / "config")
    assert ctx.many
    summary = chapters.scorecard.summary_section(ctx)
    assert summary.count("<tr>") == 8 + 1                                # the scorecard: a row per county + header
    assert "前三名" in chapters.counties.counties_section(ctx) and "前三名" in chapters.counties.counties_brief(ctx)
    from helpers.report.chapters.summary import MAX_SENTENCES, MIN_SENTENCES, executive_summary
    sentences = executive_summary(ctx)
    assert MIN_SENTENCES <= len(sentences) <= MAX_SENTENCES and "8个县市" in sentences[0]
    charts.use_style()
    assert len(chapters.progress.growth_figure(ctx)) == 1
    # every indicator with a latest actual and a target is a row of the completion chart (its name drawn)
    drawn = "".join(f.svg for f in chapters.progress.completion_figures(ctx))
    judged = ctx.progress.dropna(subset=["latest_value", "target_value"])["indicator_name_zh"].unique()
    assert len(judged) >= 12 and all(name[:10] in drawn for name in judged)
    assert sum(f.svg.count('<g id="axes_') for f in chapters.progress.trend_figures(ctx)) <= 8


def test_a_folder_of_someone_elses_is_never_replaced(tmp_path):
    """`python -m helpers synthetic 2 FOLDER` deleted FOLDER whole and wrote the counties in its place, whatever it
    held (the minor engineer's note this session): an analyst's own folder is refused, with nothing touched; a new
    or empty folder is written, and one written by it before is replaced."""
    from helpers.run import cli
    own = tmp_path / "mine"
    own.mkdir()
    (own / "notes.txt").write_text("keep me", encoding="utf-8")
    assert cli.main(["synthetic", "2", str(own)]) == 1
    assert [p.name for p in own.iterdir()] == ["notes.txt"]
    assert cli.main(["synthetic", "2", str(tmp_path / "new")]) == 0            # the advice: a new folder
    assert cli.main(["synthetic", "3", str(tmp_path / "new")]) == 0            # written by it before: replaced
    assert len(list((tmp_path / "new" / "raw").glob("*.txt"))) == 3
    (tmp_path / "empty").mkdir()
    assert cli.main(["synthetic", "2", str(tmp_path / "empty")]) == 0


@pytest.mark.parametrize("inside", ["config/syn", "notebooks/syn", "src/helpers/syn"])
def test_never_into_a_folder_a_run_reads(inside):
    """`synthetic 3 config/syn` wrote a whole synthetic project into config/ (redteam8): only data/raw was refused."""
    target = paths.PROJECT_ROOT / inside
    with pytest.raises(InputError, match="refusing to write synthetic plans there.*which a run only reads"):
        synthetic.generate(2, target)
    assert not target.exists()
