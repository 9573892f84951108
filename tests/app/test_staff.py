"""Staff pages under AppTest: invisible and unreachable without sign-in; sign-in, upload, dry run, commit, undo."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core import accounts, paths
from etl.build import build
from integritas import auth
from tests.conftest import REPO

APP = str(REPO / "app.py")
PASSWORD = "kata-sandi-uji-123"
CSV = (
    b"region_kode;year;score;zone;category;opini;method;status;source_id;source_id_2;note;refs\n"
    b"53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36;;uji;\n"
)


class Browser:
    """What the browser would do around AppTest, which has no browser: follow the sign-in redirect to the server
    route (spend the token, keep the cookie it sets) and send its cookies with the session's connection."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.cookies: dict[str, str] = {}
        self.redirects: list[str] = []
        monkeypatch.setattr(auth, "_cookies", lambda: dict(self.cookies))
        monkeypatch.setattr(auth, "_redirect", self.redirects.append)

    def follow_sign_in(self) -> None:
        (url,) = self.redirects
        assert url.startswith("/_integritas/masuk?t=")
        account = auth.consume_handoff(parse_qs(urlsplit(url).query)["t"][0])  # what the route does
        assert account is not None
        self.cookies[auth.COOKIE_NAME] = auth.make_cookie(account)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> Browser:
    return Browser(monkeypatch)


@pytest.fixture
def staff_app(data_dir: Path, browser: Browser) -> AppTest:
    build(by="seed")
    accounts.add_staff("staf", PASSWORD)
    at = AppTest.from_file(APP, default_timeout=30).run()
    return at


def _sign_in(at: AppTest, name: str, password: str) -> None:
    next(f for f in at.text_input if f.label == "Nama akun").input(name)
    next(f for f in at.text_input if f.label == "Kata sandi").input(password)
    next(b for b in at.button if b.label == "Masuk").click().run()


def _upload_page(at: AppTest, browser: Browser) -> AppTest:
    """The upload page for a signed-in staff member (a valid session cookie), compliance dataset picked."""
    browser.cookies[auth.COOKIE_NAME] = auth.make_cookie("staf")
    at.run()
    at.switch_page("app_pages/unggah.py").run()
    at.selectbox(key="dataset").set_value("compliance").run()
    return at


def _count_2030() -> int:
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM compliance WHERE year = 2030").fetchall()[0][0]
    finally:
        con.close()


def test_upload_pages_are_not_in_the_navigation_without_sign_in(staff_app: AppTest) -> None:
    for page in ("app_pages/unggah.py", "app_pages/riwayat.py"):
        assert (REPO / page).is_file()  # the page exists: it is the navigation that leaves it out
        # not "Could not find page …" (a missing file): the router did not register the page for this session
        with pytest.raises(ValueError, match=rf"^Could not find a navigation page for '[^']*/{page}'"):
            staff_app.switch_page(page)


def test_wrong_password_is_refused_and_rate_limited(staff_app: AppTest) -> None:
    at = staff_app.switch_page("app_pages/masuk.py").run()
    for _ in range(auth.MAX_FAILURES):
        _sign_in(at, "staf", "salah")
        assert at.error[0].value == "Nama atau kata sandi salah."
    _sign_in(at, "staf", PASSWORD)  # right password, but the account is locked now
    assert "Terlalu banyak percobaan gagal" in at.error[0].value
    assert auth.current_staff() is None and not auth.handoff_file().exists()  # no token was handed out


def test_sign_in_upload_dry_run_commit_and_undo(staff_app: AppTest, browser: Browser) -> None:
    at = staff_app.switch_page("app_pages/masuk.py").run()
    _sign_in(at, "staf", PASSWORD)
    assert "staff" not in at.session_state  # the password made no staff session; the browser is sent for a cookie
    browser.follow_sign_in()
    at.run()
    at.switch_page("app_pages/unggah.py").run()
    assert not at.exception
    at.selectbox(key="dataset").set_value("compliance").run()
    at.file_uploader[0].set_value(("penilaian-2030.csv", CSV, "text/csv")).run()
    assert {m.label: m.value for m in at.metric}["Baru"] == "1"
    assert _count_2030() == 0  # the dry run wrote nothing
    commit = next(b for b in at.button if b.label.startswith("Simpan"))
    commit.click().run()
    assert "Tersimpan sebagai muatan" in at.success[0].value
    assert _count_2030() == 1
    at.switch_page("app_pages/riwayat.py").run()
    next(c for c in at.checkbox if str(c.key).startswith("undo_sure_")).check().run()  # the page asks first
    undo = next(b for b in at.button if b.label.startswith("Batalkan"))
    undo.click().run()
    assert "dibatalkan" in at.success[0].value
    assert _count_2030() == 0


def test_bad_upload_lists_every_problem_in_both_languages(staff_app: AppTest, browser: Browser) -> None:
    at = _upload_page(staff_app, browser)
    bad = CSV.replace(b"90,50;hijau", b"190;biru")
    at.file_uploader[0].set_value(("salah.csv", bad, "text/csv")).run()
    assert "Berkas ditolak: 2 masalah" in at.error[0].value
    problems = at.dataframe[0].value
    assert set(problems["kolom / column"]) == {"score", "zone"}
    assert "out of range 0–100" in list(problems["reason"])
    assert _count_2030() == 0


def test_upload_that_breaks_a_data_rule_is_refused_by_the_dry_run(staff_app: AppTest, browser: Browser) -> None:
    at = _upload_page(staff_app, browser)
    # 91,82 lies in the 2024 green band, so "merah" passes every cell rule but breaks zones_match_bands
    wrong_zone = CSV.replace(
        b"53.71;2030;90,50;hijau;A;;opini;confirmed;src-c36", b"53.03;2024;91,82;merah;A;;penilaian;confirmed;src-c34"
    )
    at.file_uploader[0].set_value(("zona.csv", wrong_zone, "text/csv")).run()
    assert not at.exception
    assert "menyimpannya akan melanggar aturan data. Tidak ada yang ditulis." in at.error[0].value
    assert not [b for b in at.button if b.label.startswith("Simpan")]  # nothing to save
    tables = [d.value for d in at.dataframe]
    assert [list(t["band_zone"]) for t in tables if "band_zone" in t] == [["hijau"]]  # the row and its real band
    # and as a problem on the file's own row: row 2, column zone, the value, the rule in both languages
    problems = tables[0]
    assert (problems.iloc[0]["baris / row"], problems.iloc[0]["kolom / column"]) == ("2", "zone")
    assert problems.iloc[0]["nilai / value"] == "merah"
    assert problems.iloc[0]["alasan"].startswith("baris ini akan melanggar aturan data: Zona (dan kategori)")
    assert problems.iloc[0]["reason"].startswith("this row would break a data rule: A scored zone")
    assert "**zones_match_bands** — Zona (dan kategori) yang berskor berada dalam rentang" in at.error[0].value
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        assert con.execute("SELECT zone FROM compliance WHERE region_kode = '53.03' AND year = 2024").fetchall() == [
            ("hijau",)
        ]
    finally:
        con.close()


def test_a_year_of_results_from_the_excel_template(staff_app: AppTest, browser: Browser) -> None:
    # What staff do: download the XLSX template, replace the example row with a year of results, upload, save.
    import io

    import openpyxl

    from integritas import upload

    wb = openpyxl.load_workbook(io.BytesIO(upload.template_xlsx("compliance")))
    sheet = wb["data"]
    header = [c.value for c in sheet[1]]
    sheet.delete_rows(2)
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        names = [
            n for (n,) in con.execute("SELECT nama FROM regions WHERE jenis <> 'provinsi' ORDER BY kode").fetchall()
        ]
    finally:
        con.close()
    for name in names:  # synthetic 2030 results, regions written by name as an office would
        row = {"region_kode": name, "year": 2030, "score": 88.5, "zone": "hijau", "category": "B", "method": "opini"}
        row |= {"status": "confirmed", "source_id": "src-c36", "note": "uji templat"}
        sheet.append([row.get(h) for h in header])
    buf = io.BytesIO()
    wb.save(buf)

    at = _upload_page(staff_app, browser)
    at.file_uploader[0].set_value(("penilaian-2030.xlsx", buf.getvalue(), "application/octet-stream")).run()
    assert not at.error, [e.value for e in at.error]
    assert {m.label: m.value for m in at.metric}["Baru"] == "22"
    next(b for b in at.button if b.label.startswith("Simpan 22 baris")).click().run()
    assert "Tersimpan sebagai muatan" in at.success[0].value
    assert _count_2030() == 22


def test_first_time_upload_with_its_source_written_inline_then_seen_and_undone(
    staff_app: AppTest, browser: Browser
) -> None:
    # A first-time staff member: the XLSX template, one row per region, the source written in the row itself (no
    # source id to know), upload, save, see it on the compliance page, undo it from the history after confirming.
    import io

    import openpyxl

    from integritas import upload

    wb = openpyxl.load_workbook(io.BytesIO(upload.template_xlsx("compliance")))
    sheet = wb["data"]
    header = [c.value for c in sheet[1]]
    assert header[-4:] == ["source_url", "source_publisher", "source_date", "source_quote"]
    sheet.delete_rows(2)
    source = {
        "source_url": "https://example.org/hasil-penilaian-2030",
        "source_publisher": "Contoh Pos",
        "source_date": "6 Februari 2030",
        "source_quote": "Kota Kupang meraih nilai 88,5 dan Kabupaten Kupang 71,25",
    }
    for name, score, zone in (("Kota Kupang", "88,5", "hijau"), ("Kab. Kupang", "71,25", "kuning")):
        row = {"region_kode": name, "year": "2030", "score": score, "zone": zone, "method": "opini"}
        sheet.append([(row | {"status": "confirmed", "note": "uji"} | source).get(h) for h in header])
    buf = io.BytesIO()
    wb.save(buf)

    at = _upload_page(staff_app, browser)
    at.file_uploader[0].set_value(("hasil-2030.xlsx", buf.getvalue(), "application/octet-stream")).run()
    assert not at.error, [e.value for e in at.error]
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Baru"], metrics["Sumber baru"]) == ("2", "1")
    assert "Dibaca dari lembar «data», judul kolom di baris 1." in [c.value for c in at.caption]
    next(b for b in at.button if b.label.startswith("Simpan 2 baris")).click().run()
    assert "Tersimpan sebagai muatan" in at.success[0].value
    con = duckdb.connect(str(paths.current_db()), read_only=True)
    try:
        stored = con.execute(
            "SELECT c.region_kode, c.score::VARCHAR, s.publisher, s.quote FROM compliance AS c "
            "JOIN sources AS s ON s.id = c.source_id WHERE c.year = 2030 ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    assert stored == [
        ("53.01", "71.25", "Contoh Pos", source["source_quote"]),
        ("53.71", "88.50", "Contoh Pos", source["source_quote"]),
    ]
    at.query_params["tahun"] = "2030"
    at.switch_page("app_pages/kepatuhan.py").run()
    assert not at.exception
    shown = [str(v) for d in at.dataframe for v in d.value.astype(str).to_numpy().ravel()]
    assert any("88,5" in v for v in shown) and any("Kota Kupang" in v for v in shown)

    at.switch_page("app_pages/riwayat.py").run()
    undo = next(b for b in at.button if b.label.startswith("Batalkan"))
    assert undo.disabled  # not before the confirmation
    next(c for c in at.checkbox if str(c.key).startswith("undo_sure_")).check().run()
    next(b for b in at.button if b.label.startswith("Batalkan")).click().run()
    assert "dibatalkan" in at.success[0].value
    assert _count_2030() == 0


def test_an_undo_needs_a_live_credential_at_that_moment(staff_app: AppTest, browser: Browser) -> None:
    at = _upload_page(staff_app, browser)
    at.file_uploader[0].set_value(("penilaian-2030.csv", CSV, "text/csv")).run()
    next(b for b in at.button if b.label.startswith("Simpan")).click().run()
    at.switch_page("app_pages/riwayat.py").run()
    next(c for c in at.checkbox if str(c.key).startswith("undo_sure_")).check().run()
    browser.cookies.clear()  # signed out in another tab, or the cookie expired, while this page stayed open
    next(b for b in at.button if b.label.startswith("Batalkan")).click().run()
    assert not at.success and not [b for b in at.button if b.label.startswith("Batalkan")]  # the page is gone
    assert _count_2030() == 1
