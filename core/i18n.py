"""The one translation table (Bahasa Indonesia first, English second), shared by the app and the ETL."""

from __future__ import annotations

LANGS = ("id", "en")
DEFAULT_LANG = "id"

# key -> (Bahasa Indonesia, English). Placeholders use str.format names.
STRINGS: dict[str, tuple[str, str]] = {
    # shell
    "app.title": ("Integritas NTT", "Integritas NTT"),
    "app.tagline": (
        "Integritas pelayanan publik di Nusa Tenggara Timur: Zona Integritas, penilaian Ombudsman, dan pengaduan.",
        "Public-service integrity in Nusa Tenggara Timur: Integrity Zones, Ombudsman assessments and complaints.",
    ),
    "app.language": ("Bahasa", "Language"),
    "app.data_version": ("Versi data: {version}", "Data version: {version}"),
    "app.no_db": (
        "Basis data belum dibangun. Jalankan `make etl` (atau `python -m etl build`) lalu muat ulang halaman.",
        "The database has not been built yet. Run `make etl` (or `python -m etl build`) and reload the page.",
    ),
    "nav.overview": ("Ikhtisar", "Overview"),
    "nav.about": ("Tentang", "About"),
    "nav.explore": ("Jelajahi", "Explore"),
    "nav.detail": ("Detail", "Detail"),
    "page.compliance": ("Kepatuhan", "Compliance"),
    "page.region": ("Wilayah", "Region"),
    "col.score": ("Skor", "Score"),
    "col.region": ("Kabupaten/kota", "Regency/city"),
    "col.change": ("Perubahan", "Change"),
    "col.with_zone": ("Dengan zona", "With a zone"),
    "col.with_score": ("Dengan skor", "With a score"),
    "col.parent": ("Induk", "Parent institution"),
    "col.stage": ("Tahap terakhir", "Latest milestone"),
    "col.unit": ("Unit", "Unit"),
    "change.better": ("▲ membaik", "▲ improved"),
    "change.worse": ("▼ memburuk", "▼ worsened"),
    "change.same": ("● tetap", "● unchanged"),
    "change.none": ("✕ tidak ada data di salah satu tahun", "✕ no data in one of the years"),
    "region.no_score": ("skor tidak dipublikasikan", "score not published"),
    "kep.caption": (
        "Zona hasil penilaian Ombudsman RI untuk 22 kabupaten/kota. Abu-abu bertanda ✕ berarti tidak ada data, "
        "bukan zona. Klik wilayah di peta untuk membuka halamannya.",
        "Ombudsman RI assessment zones for the 22 regencies/cities. Grey with ✕ means no data, not a zone. "
        "Click a region on the map to open its page.",
    ),
    "kep.year": ("Tahun penilaian", "Assessment year"),
    "kep.compare": ("Bandingkan dengan", "Compare with"),
    "kep.compare.none": ("— tanpa perbandingan —", "— no comparison —"),
    "kep.method_note": ("Tahun {year} memakai metode {method}.", "{year} used the method: {method}."),
    "kep.crosses": (
        "Perbandingan ini melintasi pergantian metode penilaian: zona dua tahun ini tidak sepenuhnya sebanding.",
        "This comparison crosses a change of assessment method: the two years' zones are not fully comparable.",
    ),
    "kep.published": ("Jumlah menurut sumber, {year}: {counts}.", "Counts as published, {year}: {counts}."),
    "kep.unnamed": (
        "{n} pemda {zone} tidak disebut namanya, sehingga di peta tampil sebagai tidak ada data.",
        "{n} {zone} pemda are not named, so the map shows them as no data.",
    ),
    "kep.province": ("Pemerintah Provinsi NTT", "NTT provincial government"),
    "kep.no_map": (
        "Peta tidak dapat digambar karena berkas batas wilayah tidak ada (`{path}`); "
        "tabel di bawah memuat data yang sama.",
        "The map cannot be drawn because the boundary file is missing (`{path}`); the table below holds the same data.",
    ),
    "kep.table": ("Tabel (alternatif peta, dapat diurutkan)", "Table (the map's alternative, sortable)"),
    "kep.coverage": ("Cakupan data per tahun (dari 22 kab/kota)", "Data coverage per year (of 22 regencies/cities)"),
    "region.pick": ("Kabupaten/kota", "Regency/city"),
    "region.capital": ("{jenis} · ibu kota {ibukota}", "{jenis} · capital {ibukota}"),
    "region.history": ("Riwayat penilaian kepatuhan pemda", "Pemda compliance assessment history"),
    "region.bands_note": (
        "Latar berwarna = rentang nilai yang dipublikasikan untuk tahun itu. Simbol kosong = zona tanpa skor; "
        "✕ = tidak ada data.",
        "Shaded background = the score band published for that year. Hollow symbol = zone without a score; "
        "✕ = no data.",
    ),
    "region.agencies": (
        "Instansi di wilayah ini dan tahap ZI terakhirnya",
        "Agencies here and their latest ZI milestone",
    ),
    "region.units": (
        "Penilaian unit vertikal dan OPD (bukan skor pemda)",
        "Assessments of vertical units and OPD (not the pemda score)",
    ),
    "region.complaints": ("Angka pengaduan yang menyangkut wilayah ini", "Complaint figures concerning this region"),
    "region.none": ("Tidak ada data untuk bagian ini.", "No data for this part."),
    "home.map.title": ("Peta zona kepatuhan {year}", "Compliance zone map {year}"),
    "home.map.open": ("Buka peta lengkap", "Open the full map"),
    "home.pick": ("Buka halaman kabupaten/kota", "Open a regency/city page"),
    "jenis.kabupaten": ("Kabupaten", "Regency"),
    "jenis.kota": ("Kota", "City"),
    "jenis.provinsi": ("Provinsi", "Province"),
    "page.journeys": ("Perjalanan ZI", "ZI journeys"),
    "page.agency": ("Instansi", "Agency"),
    "page.complaints": ("Pengaduan", "Complaints"),
    "step.pencanangan": ("pencanangan", "declaration"),
    "step.pakta_integritas": ("pakta integritas", "integrity pact"),
    "step.usulan_tpn": ("usulan ke TPN", "proposal"),
    "step.usulan_to": ("usulan {target}", "proposed for {target}"),
    "step.wbk": ("WBK", "WBK"),
    "step.wbbm": ("WBBM", "WBBM"),
    "journey.no_steps": ("belum ada tahap ZI dalam data", "no ZI step in the data"),
    "journey.no_stage": ("belum ada tahap tercapai", "no step reached"),
    "journey.precision": (
        "rentang = tanggal hanya diketahui tahun/bulannya",
        "bar = date known only to the year/month",
    ),
    "journey.caption": (
        "Satu jalur per instansi: pencanangan → pakta integritas → usulan → WBK → WBBM. Bentuk = tahap; isi = status "
        "(penuh terkonfirmasi, kosong dijadwalkan, kosong bertitik menunggu hasil, pudar disimpulkan, cincin merah "
        "diperdebatkan). Klik jalur untuk membuka halaman instansi.",
        "One lane per agency: declaration → integrity pact → proposal → WBK → WBBM. Shape = milestone; fill = status "
        "(filled confirmed, hollow scheduled, hollow with a dot pending, faded inferred, red ring disputed). Click a "
        "lane to open the agency page.",
    ),
    "journey.jenis": ("Jenis instansi", "Agency type"),
    "journey.induk": ("Instansi induk", "Parent institution"),
    "journey.wilayah": ("Kabupaten/kota", "Regency/city"),
    "journey.tahap": ("Tahap saat ini", "Current stage"),
    "journey.macet_tahun": (
        "Macet bila tanpa langkah lanjut lebih dari (tahun)",
        "Stalled when no next step for more than (years)",
    ),
    "journey.all": ("Semua", "All"),
    "journey.include_empty": ("Tampilkan juga instansi tanpa data ZI", "Also show agencies without ZI data"),
    "journey.macet": ("⚠ macet", "⚠ stalled"),
    "journey.macet_note": (
        "Macet: langkah terakhir berupa pencanangan, pakta atau usulan yang lebih tua dari {n} tahun tanpa langkah "
        "berikutnya dalam data. {count} instansi macet.",
        "Stalled: the last step is a declaration, pact or proposal older than {n} years with no next step in the "
        "data. {count} agencies stalled.",
    ),
    "journey.sorted": ("Diurutkan menurut lama di tahap saat ini.", "Sorted by time in the current stage."),
    "journey.none": ("Tidak ada instansi untuk filter ini.", "No agency matches these filters."),
    "col.lane": ("Jalur", "Journey"),
    "col.since": ("Sejak", "Since"),
    "col.years_in_stage": ("Tahun di tahap ini", "Years in stage"),
    "col.stalled": ("Macet", "Stalled"),
    "col.page": ("Halaman", "Page"),
    "col.relation": ("Hubungan", "Relation"),
    "col.on_chart": ("Di grafik", "On the chart"),
    "yes": ("ya", "yes"),
    "no": ("tidak", "no"),
    "jenis.vertikal": ("Instansi vertikal", "Central-government unit"),
    "jenis.pemda": ("Pemerintah daerah", "Regional government"),
    "jenis.lembaga": ("Lembaga independen", "Independent body"),
    "lineage.predecessor": ("pendahulu", "predecessor"),
    "lineage.successor": ("penerus", "successor"),
    "lineage.award": (
        "{event} {year} milik {holder} ({status}) — dicatat satu kali, tidak dihitung ulang di sini.",
        "{event} {year} held by {holder} ({status}) — recorded once, not counted again here.",
    ),
    "agency.identity": ("Identitas", "Identity"),
    "agency.aliases": ("Nama lain", "Other names"),
    "agency.group": (
        "Ini kelompok unit yang tidak disebut satu per satu oleh sumber.",
        "This is a group of units the sources do not name one by one.",
    ),
    "agency.lineage": ("Pendahulu dan penerus", "Predecessors and successors"),
    "agency.journey": ("Perjalanan ZI", "ZI journey"),
    "agency.stage": ("Tahap saat ini: **{stage}**", "Current stage: **{stage}**"),
    "agency.flags": ("Tanda", "Flags"),
    "agency.flags.none": (
        "Tidak ada tanda. Tanda muncul hanya bila data mendukung: predikat saat pemda wilayahnya berzona merah, atau "
        "pengaduan yang naik setelah predikat.",
        "No flag. A flag appears only where the data support it: an award while the region's pemda is in the red "
        "zone, or complaints rising after an award.",
    ),
    "flag.red_zone": (
        "Berpredikat {event} sementara pemda {region} berada di zona merah pada {year}.",
        "Holds {event} while the {region} pemda was in the red zone in {year}.",
    ),
    "flag.rising": (
        "Jumlah laporan tentang unit ini naik setelah predikat diraih.",
        "Reports about this unit rose after the award.",
    ),
    "agency.complaints": ("Angka pengaduan tentang instansi ini", "Complaint figures about this agency"),
    "agency.units": ("Penilaian Ombudsman atas instansi ini", "Ombudsman assessments of this agency"),
    "agency.region": ("Kepatuhan pemda {region}", "Compliance of the {region} pemda"),
    "agency.missing": ("Instansi «{id}» tidak ada dalam data.", "Agency «{id}» is not in the data."),
    "agency.pick": ("Instansi", "Agency"),
    "search.label": ("Cari instansi", "Search agencies"),
    "search.placeholder": ("mis. KPPN Kupang, Kanwil Kemenkumham", "e.g. KPPN Kupang, Kanwil Kemenkumham"),
    "search.none": ("Tidak ditemukan.", "Nothing found."),
    "cmp.title": ("Pengaduan ke Ombudsman RI Perwakilan NTT", "Complaints to Ombudsman RI NTT"),
    "cmp.caption": (
        "Laporan masyarakat (teregistrasi), akses (konsultasi + laporan) dan «pengaduan» (istilah sumber) adalah "
        "ukuran berbeda: masing-masing garis sendiri, tidak pernah disambung. Setiap angka digambar sepanjang "
        "periodenya, jadi tahun yang tidak penuh tampak tidak penuh; tahun tanpa data adalah celah, bukan nol.",
        "Registered reports, contacts (consultations + reports) and «pengaduan» (the sources' word) are different "
        "measures: each its own line, never joined. Each figure is drawn over its own period, so partial years look "
        "partial; years without data are gaps, not zeros.",
    ),
    "cmp.series": ("Jumlah per periode", "Totals per period"),
    "cmp.series_note": (
        "Tidak digambar: angka kumulatif beberapa tahun dan batas atas («di bawah 100 per bulan»); "
        "keduanya ada di tabel.",
        "Not drawn: multi-year cumulative figures and upper bounds («under 100 a month»); both are in the table.",
    ),
    "cmp.breakdown": ("Rincian", "Breakdown"),
    "cmp.dimension": ("Rincian menurut", "Break down by"),
    "cmp.metric": ("Ukuran", "Measure"),
    "cmp.no_rows": ("Tidak ada data untuk kombinasi ini.", "No data for this combination."),
    "cmp.national": (
        "Konteks nasional (Ombudsman RI, bukan angka NTT)",
        "National context (Ombudsman RI, not NTT figures)",
    ),
    "dim.substansi": ("substansi", "subject"),
    "dim.maladministrasi": ("jenis maladministrasi", "maladministration type"),
    "dim.instansi": ("instansi terlapor", "reported institution"),
    "dim.asal": ("asal kabupaten/kota", "regency/city of origin"),
    "dim.status": ("status penanganan", "handling status"),
    "dim.kategori": ("kategori akses", "contact category"),
    "dim.kanal": ("saluran", "channel"),
    "metric.persen": ("persen", "percent"),
    "metric.peringkat": ("peringkat", "rank"),
    "metric.indeks": ("indeks", "index"),
    "nav.search": ("Cari", "Search"),
    "link.open": ("buka", "open"),
    "comparator.gt": ("lebih dari", "more than"),
    "comparator.lt": ("kurang dari", "under"),
    "comparator.approx": ("sekitar", "about"),
    "nav.staff": ("Staf", "Staff"),
    "page.login": ("Masuk staf", "Staff sign-in"),
    "page.upload": ("Unggah data", "Upload data"),
    "page.history": ("Riwayat", "History"),
    "auth.title": ("Masuk sebagai staf Ombudsman", "Sign in as Ombudsman staff"),
    "auth.signed_in": ("Masuk sebagai {name}.", "Signed in as {name}."),
    "auth.logout": ("Keluar", "Sign out"),
    "auth.login_oidc": ("Masuk dengan akun kantor", "Sign in with the office account"),
    "auth.local_note": (
        "Membaca dasbor tidak memerlukan akun. Akun staf dibuat dengan `python -m etl staff add NAMA`.",
        "Reading the dashboard needs no account. Staff accounts are created with `python -m etl staff add NAME`.",
    ),
    "auth.name": ("Nama akun", "Account name"),
    "auth.password": ("Kata sandi", "Password"),
    "auth.submit": ("Masuk", "Sign in"),
    "auth.failed": ("Nama atau kata sandi salah.", "Wrong name or password."),
    "auth.locked": (
        "Terlalu banyak percobaan gagal; coba lagi dalam {minutes} menit.",
        "Too many failed attempts; try again in {minutes} minutes.",
    ),
    "upload.dataset": ("Dataset", "Dataset"),
    "upload.template_csv": ("Unduh templat CSV", "Download CSV template"),
    "upload.template_xlsx": ("Unduh templat XLSX (dengan panduan kolom)", "Download XLSX template (with column guide)"),
    "upload.guide": ("Panduan kolom", "Column guide"),
    "upload.file": ("Berkas CSV atau XLSX", "CSV or XLSX file"),
    "upload.checking": ("Memeriksa berkas…", "Checking the file…"),
    "upload.same_file": (
        "Berkas yang sama persis (sha256) sudah dimuat sebagai muatan {ids}.",
        "This exact file (sha256) was already loaded as load {ids}.",
    ),
    "upload.refused": (
        "Berkas ditolak: {n} masalah. Tidak ada yang ditulis. Perbaiki baris di bawah lalu unggah lagi.",
        "File refused: {n} problem(s). Nothing was written. Fix the rows below and upload again.",
    ),
    "upload.first_problems": (
        "Ditampilkan {shown} masalah pertama; perbaiki ini lalu unggah lagi untuk melihat sisanya.",
        "The first {shown} problems are shown; fix these and upload again to see the rest.",
    ),
    "upload.sample": ("Ditampilkan {shown} dari {n} baris.", "Showing {shown} of {n} rows."),
    "upload.breaks_rules": (
        "Berkas ditolak: setiap sel benar, tetapi menyimpannya akan melanggar aturan data. Tidak ada yang ditulis."
        "{reason}",
        "File refused: every cell is fine, but saving it would break data rules. Nothing was written.{reason}",
    ),
    "upload.failed": (
        "Berkas ditolak saat disimpan; tidak ada yang ditulis. Aturan data yang akan dilanggar:{reason}",
        "The file was refused while saving; nothing was written. Data rules it would break:{reason}",
    ),
    "upload.step.read": ("Membaca berkas…", "Reading the file…"),
    "upload.step.check": ("Memeriksa setiap sel…", "Checking every cell…"),
    "upload.step.compare": ("Membandingkan dengan data yang ada…", "Comparing with the data already there…"),
    "upload.step.write": ("Menulis salinan basis data baru…", "Writing a new copy of the database…"),
    "upload.step.contracts": ("Memeriksa aturan data, lalu beralih…", "Checking the data rules, then switching…"),
    "upload.new": ("Baru", "New"),
    "upload.changed": ("Berubah", "Changed"),
    "upload.unchanged": ("Tetap", "Unchanged"),
    "upload.rejected": ("Ditolak", "Rejected"),
    "upload.kind": ("Jenis", "Kind"),
    "upload.row": ("Baris", "Row"),
    "upload.commit": ("Simpan {n} baris (semua atau tidak sama sekali)", "Save {n} rows (all or nothing)"),
    "upload.committing": ("Menyimpan…", "Saving…"),
    "upload.done": (
        "Tersimpan sebagai muatan {id}; semua halaman kini memakai data baru.",
        "Saved as load {id}; every page now shows the new data.",
    ),
    "upload.nothing": (
        "Tidak ada yang berubah: semua baris sudah ada.",
        "Nothing changes: every row is already there.",
    ),
    "history.none": ("Belum ada unggahan yang dapat dibatalkan.", "No upload to undo yet."),
    "history.pick": ("Muatan yang dibatalkan", "Load to undo"),
    "history.undo": ("Batalkan muatan {id}", "Undo load {id}"),
    "history.undone": (
        "Muatan {id} dibatalkan (dicatat sebagai muatan {undo}).",
        "Load {id} undone (recorded as load {undo}).",
    ),
    "ds.compliance": ("Penilaian kepatuhan pemda", "Pemda compliance assessments"),
    "ds.compliance_counts": ("Jumlah pemda per zona", "Pemda counts per zone"),
    "ds.unit_compliance": ("Penilaian unit vertikal", "Vertical unit assessments"),
    "ds.complaints": ("Angka pengaduan", "Complaint figures"),
    "ds.zi_events": ("Tahap ZI", "ZI milestones"),
    "ds.sources": ("Sumber", "Sources"),
    "ds.agencies": ("Instansi", "Agencies"),
    "ds.agency_aliases": ("Nama lain instansi", "Agency aliases"),
    "kind.str": ("teks", "text"),
    "kind.int": ("bilangan bulat", "whole number"),
    "kind.decimal": ("angka (koma desimal boleh)", "number (decimal comma allowed)"),
    "kind.date": (
        "tanggal (2026-02-06, 06/02/2026, 6 Februari 2026)",
        "date (2026-02-06, 06/02/2026, 6 Februari 2026)",
    ),
    "kind.bool": ("true/false", "true/false"),
    "guide.choices": ("pilihan: {choices}", "choices: {choices}"),
    "guide.ref": ("harus ada di {ref}", "must exist in {ref}"),
    "guide.range": ("rentang {lo}–{hi}", "range {lo}–{hi}"),
    "guide.required": ("Wajib", "Required"),
    "page.home": ("Beranda", "Home"),
    "page.about": ("Tentang data", "About the data"),
    # home
    "home.wbk.label": ("Unit berpredikat WBK", "Units awarded WBK"),
    "home.wbk.help": (
        "Predikat Wilayah Bebas dari Korupsi dari KemenPAN-RB yang tercatat dalam data. Satu predikat 2024 "
        "diklaim dua kantor penerus Kanwil Kemenkumham NTT dan dihitung satu kali.",
        "Corruption-Free Zone awards by KemenPAN-RB recorded in the data. One 2024 award is claimed by both "
        "successors of Kanwil Kemenkumham NTT and is counted once.",
    ),
    "home.wbbm.label": ("Unit berpredikat WBBM", "Units awarded WBBM"),
    "home.wbbm.help": (
        "Belum ada predikat WBBM untuk unit di NTT dalam data. Usulan yang hasilnya belum diketahui tidak dihitung.",
        "No WBBM award for an NTT unit is in the data. Proposals whose outcome is unknown are not counted.",
    ),
    "home.wbbm.pending": ("{n} usulan menunggu hasil", "{n} proposal(s) awaiting outcome"),
    "home.zones.title": ("Zona kepatuhan pemda, penilaian {year}", "Pemda compliance zones, {year} assessment"),
    "home.zones.caption": (
        "{named} dari 23 pemda (provinsi + 22 kab/kota) disebut namanya; jumlah per zona menurut sumber.",
        "{named} of 23 pemda (province + 22 kab/kota) are named; counts per zone as published.",
    ),
    "home.zones.named": ("{n} disebut namanya", "{n} named"),
    "home.zones.unnamed": ("nama belum ditemukan", "names not found"),
    "home.complaints.title": ("Pengaduan ke Ombudsman RI Perwakilan NTT", "Complaints to Ombudsman RI NTT"),
    "home.complaints.partial": ("sebagian tahun", "part of the year"),
    "home.awards.title": (
        "Perjalanan Zona Integritas: predikat dan usulan",
        "Integrity Zone journeys: awards and proposals",
    ),
    "home.awards.caption": (
        "Setiap baris bersumber; tanggal ditampilkan sesuai ketelitiannya (tahun, bulan atau hari).",
        "Every row has a source; dates are shown at their known precision (year, month or day).",
    ),
    "home.years.title": ("Cakupan penilaian kepatuhan per tahun", "Compliance assessment coverage by year"),
    "home.years.caption": (
        "Jumlah pemda per zona yang disebut namanya dalam sumber, dan jumlah yang dipublikasikan bila nama tidak ada. "
        "Metode penilaian berganti: bandingkan antartahun dengan hati-hati.",
        "Pemda per zone named in the sources, and the published count where names are missing. "
        "The assessment method changed: compare years with care.",
    ),
    "home.numbers": ("Angka utama", "Key figures"),
    # generic
    "col.agency": ("Instansi", "Agency"),
    "col.event": ("Tahap", "Milestone"),
    "col.date": ("Tanggal", "Date"),
    "col.status": ("Status", "Status"),
    "col.source": ("Sumber", "Source"),
    "col.year": ("Tahun", "Year"),
    "col.method": ("Metode", "Method"),
    "col.hijau": ("Hijau", "Green"),
    "col.kuning": ("Kuning", "Yellow"),
    "col.merah": ("Merah", "Red"),
    "col.named": ("Disebut namanya", "Named"),
    "col.scored": ("Dengan skor", "With a score"),
    "col.published": ("Jumlah dipublikasikan", "Published counts"),
    "col.zone": ("Zona", "Zone"),
    "col.category": ("Kategori", "Category"),
    "col.metric": ("Ukuran", "Measure"),
    "col.period": ("Periode", "Period"),
    "col.value": ("Nilai", "Value"),
    "col.note": ("Catatan", "Note"),
    "col.url": ("Tautan", "Link"),
    "col.quote": ("Kutipan", "Quote"),
    "col.publisher": ("Penerbit", "Publisher"),
    "col.title": ("Judul", "Title"),
    "col.published_on": ("Terbit", "Published"),
    "col.refs": ("Baris riset", "Research rows"),
    "col.table": ("Tabel", "Table"),
    "col.column": ("Kolom", "Column"),
    "col.type": ("Tipe", "Type"),
    "col.description": ("Keterangan", "Description"),
    "col.rows": ("Baris", "Rows"),
    "col.id": ("ID", "ID"),
    "col.at": ("Waktu", "Time"),
    "col.by": ("Oleh", "By"),
    "col.file": ("Berkas", "File"),
    "col.dataset": ("Dataset", "Dataset"),
    "col.added": ("Ditambah", "Added"),
    "sources.title": ("Sumber angka di halaman ini", "Sources of the figures on this page"),
    "sources.no_url": ("URL tidak tercatat", "URL not recorded"),
    "source.link": ("sumber", "source"),
    "zone.merah": ("merah", "red"),
    "zone.kuning": ("kuning", "yellow"),
    "zone.hijau": ("hijau", "green"),
    "zone.none": ("tidak ada data", "no data"),
    "status.confirmed": ("terkonfirmasi", "confirmed"),
    "status.scheduled": ("dijadwalkan", "scheduled"),
    "status.pending": ("menunggu hasil", "pending"),
    "status.inferred": ("disimpulkan", "inferred"),
    "status.disputed": ("diperdebatkan", "disputed"),
    "event.pencanangan": ("Pencanangan ZI", "ZI declaration"),
    "event.pakta_integritas": ("Pakta integritas", "Integrity pact"),
    "event.usulan_tpn": ("Usulan ke TPN", "Proposal to the national team"),
    "event.wbk": ("Predikat WBK", "WBK award"),
    "event.wbbm": ("Predikat WBBM", "WBBM award"),
    "event.target": ("Target", "Target"),
    "event.other": ("Lainnya", "Other"),
    "menuju.wbk": ("menuju WBK", "toward WBK"),
    "menuju.wbbm": ("menuju WBBM", "toward WBBM"),
    "menuju.wbk_wbbm": ("menuju WBK/WBBM", "toward WBK/WBBM"),
    "outcome.unknown": ("hasil belum diketahui", "outcome not yet known"),
    "metric.laporan": ("laporan masyarakat", "registered reports"),
    "metric.akses": ("akses (konsultasi + laporan)", "contacts (consultations + reports)"),
    "metric.pengaduan": ("pengaduan (istilah sumber)", "complaints (the source's word)"),
    "method.kepatuhan": ("Penilaian Kepatuhan", "Compliance assessment"),
    "method.penilaian": (
        "Penilaian Penyelenggaraan Pelayanan Publik (kategori A–E)",
        "Public service assessment (categories A–E)",
    ),
    "method.opini": ("Opini Ombudsman", "Ombudsman opinion"),
    "method.short.kepatuhan": ("Kepatuhan", "Compliance"),
    "method.short.penilaian": ("Penilaian (A–E)", "Assessment (A–E)"),
    "method.short.opini": ("Opini", "Opinion"),
    # about page
    "about.intro": (
        "Semua angka di dasbor ini berasal dari halaman web yang dipublikasikan (berita atau situs pemerintah). "
        "Setiap baris data menunjuk ke satu sumber dengan URL dan kutipan kata demi kata. Tidak ada yang diisi "
        "atau diperkirakan: data yang tidak ditemukan ditampilkan sebagai celah.",
        "Every figure in this dashboard comes from a published web page (news or government site). Every data "
        "row points at one source with a URL and a verbatim quote. Nothing is filled in or estimated: what was "
        "not found is shown as a gap.",
    ),
    "about.sources": ("Daftar sumber", "Sources"),
    "about.sources.count": ("{n} kutipan sumber", "{n} cited passages"),
    "about.methods": ("Metode penilaian Ombudsman", "Ombudsman assessment methods"),
    "about.bands": ("Rentang nilai yang dipublikasikan", "Published score bands"),
    "about.schema": ("Skema basis data", "Database schema"),
    "about.schema.intro": (
        "Berkas DuckDB dapat dibuka langsung; nama tabel dan kolom di bawah ini adalah kontrak publik. "
        "Berkas yang sedang dibaca aplikasi: `{path}`.",
        "The DuckDB file can be opened directly; the table and column names below are a public contract. "
        "The file the app reads now: `{path}`.",
    ),
    "about.boundaries": ("Batas wilayah", "Boundaries"),
    "about.boundaries.ok": (
        "{n} kabupaten/kota, disederhanakan untuk peramban ({size} KB).",
        "{n} kabupaten/kota, simplified for the browser ({size} KB).",
    ),
    "about.boundaries.missing": (
        "Berkas batas wilayah belum ada (`{path}`). Peta akan menampilkan titik ibu kota atau tabel. "
        "Jalankan `python -m etl boundaries` untuk membuatnya.",
        "The boundary file is missing (`{path}`). Maps fall back to points at each capital or a table. "
        "Run `python -m etl boundaries` to create it.",
    ),
    "about.loads": ("Riwayat pemuatan data", "Data load history"),
    "about.regions": ("Wilayah", "Regions"),
    "about.glossary": ("Istilah", "Glossary"),
    "gloss.zi": (
        "Zona Integritas (ZI): program unit kerja menuju WBK/WBBM.",
        "Integrity Zone (ZI): a unit's programme toward WBK/WBBM.",
    ),
    "gloss.wbk": (
        "WBK: Wilayah Bebas dari Korupsi, predikat dari KemenPAN-RB.",
        "WBK: Corruption-Free Zone, an award by KemenPAN-RB.",
    ),
    "gloss.wbbm": (
        "WBBM: Wilayah Birokrasi Bersih dan Melayani, predikat yang lebih tinggi.",
        "WBBM: Clean and Serving Bureaucracy Zone, the higher award.",
    ),
    "gloss.laporan": (
        "Laporan masyarakat: laporan yang teregistrasi. Tidak pernah dijumlahkan dengan akses.",
        "Registered reports (laporan). Never summed with contacts (akses).",
    ),
    "gloss.akses": (
        "Akses: semua kontak (konsultasi + laporan + lainnya).",
        "Contacts (akses): every contact (consultations + reports + other).",
    ),
    "gloss.zona": (
        "Zona merah/kuning/hijau: hasil penilaian Ombudsman; rentang nilai berganti antartahun.",
        "Red/yellow/green zone: the Ombudsman's assessment result; the score bands changed over the years.",
    ),
    # validation (shared by the ETL command line and the upload page)
    "val.where": ("Baris {row}, kolom {column}", "Row {row}, column {column}"),
    "val.value": (" (nilai «{value}»)", " (value «{value}»)"),
    "val.missing_column": ("kolom wajib tidak ada", "required column is missing"),
    "val.extra_column": (
        "kolom tidak dikenal; kolom yang diharapkan: {detail}",
        "unknown column; expected columns: {detail}",
    ),
    "val.cell_count": (
        "jumlah sel tidak sama dengan jumlah kolom judul ({detail}); periksa tanda koma atau kutip",
        "number of cells differs from the header ({detail}); check for stray commas or quotes",
    ),
    "val.csv_error": (
        "baris tidak dapat dibaca sebagai CSV ({detail}); periksa tanda kutip",
        "the line cannot be read as CSV ({detail}); check the quotes",
    ),
    "val.empty_file": ("berkas kosong (0 bita)", "the file is empty (0 bytes)"),
    "val.too_large": ("berkas terlalu besar (batas {detail})", "the file is too large (limit {detail})"),
    "val.not_a_table": (
        "bukan berkas CSV atau XLSX ({detail}); simpan tabel sebagai CSV atau XLSX",
        "not a CSV or XLSX file ({detail}); save the table as CSV or XLSX",
    ),
    "val.broken_xlsx": (
        "berkas XLSX rusak atau tidak dapat dibuka ({detail})",
        "the XLSX file is damaged or cannot be opened ({detail})",
    ),
    "val.formula": (
        "sel diawali =, +, - atau @ dapat dijalankan sebagai rumus; hapus tanda itu",
        "a cell starting with =, +, - or @ can run as a formula; remove that sign",
    ),
    "val.markup": ("sel berisi tag HTML; tulis teks biasa", "the cell contains an HTML tag; write plain text"),
    "val.not_updatable": (
        "baris ini sudah ada dan berbeda; {detail} hanya dapat ditambah lewat unggahan, tidak diubah",
        "this row already exists and differs; {detail} can only be added by upload, not changed",
    ),
    "val.empty": ("berkas tidak berisi baris data", "the file has no data rows"),
    "val.required": ("wajib diisi", "must not be empty"),
    "val.type_int": ("harus bilangan bulat, mis. 1106 atau 1.106", "must be a whole number, e.g. 1106 or 1.106"),
    "val.type_decimal": ("harus angka, mis. 80,93", "must be a number, e.g. 80,93"),
    "val.type_date": (
        "tanggal tidak dikenali; gunakan 2026-02-06, 06/02/2026 atau 6 Februari 2026",
        "date not recognised; use 2026-02-06, 06/02/2026 or 6 Februari 2026",
    ),
    "val.type_bool": ("harus true/false (ya/tidak)", "must be true/false (ya/tidak)"),
    "val.choice": ("nilai tidak diizinkan; pilihan: {detail}", "value not allowed; choices: {detail}"),
    "val.pattern": ("format tidak sesuai", "wrong format"),
    "val.range": ("di luar rentang {detail}", "out of range {detail}"),
    "val.duplicate_key": (
        "kunci ganda: baris lain sudah memakai nilai ini",
        "duplicate key: another row already uses this value",
    ),
    "val.unknown_ref": ("tidak ditemukan di {detail}", "not found in {detail}"),
    "val.invalid": ("nilai tidak sah", "invalid value"),
}


def tr(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """Translate `key` into `lang`; a missing key shows itself so that it is noticed, never crashes a page."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text
