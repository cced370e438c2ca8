"""The words of immediate danger in Indonesian and Melayu Kupang (as normalised by
:mod:`layers.ai.lexicon`), read by :mod:`layers.ai.urgency`; the words that undo
a danger or hold it are :mod:`layers.ai.undoing_words`. Language data, like the
lexicon: written from what the city's emergency desks hear (people hurt, live
wires and sparks, fire and gas, water in homes, fallen trees and poles across a
road, bridges and roads giving way, animals attacking), never from an
evaluation set."""

from __future__ import annotations

import re

#: people who can come to harm, in Indonesian and Melayu Kupang ("nona",
#: "nyong", "tete", "ana" for a child, "konjak" for a bemo's conductor)
HUMANS = (
    r"(orang|warga|pengendara|pemotor|pejalan|penumpang|anak|balita|bocah|bayi"
    r"|siswa|murid|pelajar|mahasiswa|lansia|nenek|nene|kakek|tete|opa|oma|ibu"
    r"|mama|bapak|bapa|tanta|nona|nyong|adik|ade|kakak|kaka|pemuda|remaja"
    r"|pria|wanita|perempuan|laki|lelaki|seseorang|tetangga|keluarga|suami|istri"
    r"|teman|sopir|supir|pengemudi|ojek|pengojek|konjak|tukang|pedagang|petugas"
    r"|pekerja|penghuni|pengunjung|korban|nelayan|saudara|sodara|sepupu|cucu"
    r"|keponakan|ponakan|om|jemaat|pasien)"
)
#: people, and the vehicles they ride, who can come to harm
PEOPLE = (
    HUMANS[:-1]
    + r"|motor|mobil|oto|angkot|bemo|truk|bus|sepeda|kendaraan|perahu|sampan|kapal)"
)
#: a phone, a wallet, a key dropped is no one hurt ("HP saya jatuh ke got")
_DROPPED = (
    r"(?<!hp )(?<!hp saya )(?<!hp kami )(?<!handphone )(?<!dompet )(?<!dompet saya )"
    r"(?<!kunci )(?<!kunci saya )(?<!tas saya )(?<!sandal )(?<!barang )(?<!uang )"
    r"(?<!daun )(?<!daun banyak )(?<!buah )(?<!ranting )(?<!kotoran )"
)
#: up to three words between a person and what befell them, none of them a
#: thing that can fall by itself ("warga lihat pohon jatuh" is no one hurt)
_GAP = (
    r"( (?!(pohon|dahan|batang|tiang|kabel|kayu|buah|kelapa|ranting|lampu|baliho"
    r"|batu|tembok|genteng|seng|atap|air|hujan|barang|sampah|rantai|tali|pipa|selang"
    r")(nya)?\b)\w+){0,3}"
)
#: up to five, for someone who cannot get up ("oma di dalam kamar mandi tidak
#: bisa bangun")
_WIDE_GAP = _GAP.replace("{0,3}", "{0,5}")
#: up to ten, for a road named with its place before it gives way ("badan
#: jalan di Jl. Frans Seda dekat Bundaran PU ambles")
_FAR_GAP = _GAP.replace("{0,3}", "{0,10}")
#: what a person can suffer, said after them ("anak tetangga tajato")
_BEFELL = (
    r"(jatuh(?! tempo)|terjatuh|terperosok|tergelincir|terpeleset|terjungkal|terbalik"
    r"|tercebur|kecebur|nyemplung|kejeblos|terjeblos|terjerembab|terjerembap"
    r"|terpental|terhempas|terguling|terbawa arus|tersangkut|terhimpit|terkurung"
    r"|terbawa (banjir|air|ombak)|terseret (banjir|air|arus|ombak)|digulung ombak"
    r"|nyungsep|selip|tabrak|terkunci|rem blong|remnya blong"
    r"|sesak|tergeletak|terkapar|kejang\w*|tenggelam|hanyut|terhanyut|terseret|menabrak"
    r"|nabrak"
    r"|keserempet|terserempet"
    r"|diserempet|tergilas|kejatuhan)"
)
#: water courses and holes one falls into
_HOLES = r"(got|selokan|parit|kali|sungai|saluran|sumur|jurang|drainase|laut)"
#: a wire that may carry power: not the telephone's or the internet's
_WIRE = (
    r"(kabel(?! (telepon|telpon|telkom|wifi|internet|indihome|tv|fiber|optik))"
    r"|kawat listrik)"
)
#: traffic lights, as residents name them
_SIGNALS = (
    r"(lampu merah|lampu lalu lintas|lampu lalin|traffic light|bangjo|apill"
    r"|lampu stopan)"
)
#: tree-like things that fall across a road (a "kayu" is a tree in Kupang)
_TREES = (
    r"(pohon|dahan|batang|cabang|ranting|kayu|bambu|tiang|baliho|reklame|papan reklame"
    r"|billboard|videotron)"
)
#: how a tree comes down
_DOWN = r"(tumbang|roboh|rubuh|patah|jatuh|rebah|ambruk|tercabut|terguling|ambrol)"
#: the rooms and floors of a home that water reaches
_HOME = (
    r"(rumah|kamar|permukiman|pemukiman|perumahan|dapur|lantai|sekolah|kelas"
    r"|ruang tamu|kasur|tempat tidur|toko|kios|asrama|gereja|masjid|puskesmas|teras)"
)

#: water that floods, not the water supply ("air PDAM tidak masuk rumah")
_WATER = (
    r"(air(?! (pdam|bersih|leding|ledeng|keran|kran|minum|tangki|galon))"
    # what a flood left behind is no flood ("sekarang tinggal lumpur di rumah")
    r"|banjir|genangan|(?<!tinggal )(?<!sisa )(?<!bekas )lumpur|luapan)"
)

#: kind → pattern over a normalised clause
DANGERS: dict[str, re.Pattern[str]] = {
    "injury": re.compile(
        r"\b(luka\w*|terluka|berdarah|cedera|pingsan|tewas|meninggal"
        r"|(?<!bantuan )(?<!data )(?<!santunan )(?<!posko )"
        # not the victims of a flood the text asks aid for ("bantuan untuk
        # korban banjir kah?")
        r"korban(?! (pungli|penipuan|pencurian|pemerasan|janji|banjir|bencana"
        r"|seroja))"
        r"|tertimpa|terjepit|tersengat|kesetrum|tersetrum|disetrum|kena setrum"
        r"|kena listrik|terkena listrik|terkena setrum|sengatan listrik|tersambar petir"
        r"|disambar petir"
        r"|terjebak(?! (macet|kemacetan))|terperangkap|tertimbun|terkubur"
        r"|tertindih|terlempar|terlindas|kecelakaan|laka|lakalantas|tabrakan"
        r"|bertabrakan|ditabrak|tertabrak|tabrak lari|(kena|dapa) (tabrak|timpa|pukul"
        r"|tikam|bacok|setrum|listrik|tembak|panah)"
        r"|kejatuhan|keracunan|dikeroyok|pengeroyokan|dianiaya|penganiayaan"
        r"|tawuran|berkelahi|perkelahian|baku hantam|baku pukul|adu jotos"
        r"|baku lempar|saling lempar|lempar batu ke (kendaraan|mobil|motor|oto|orang"
        r"|warga|rumah|pengendara|angkot|bemo)|melempari (kendaraan|mobil|motor|rumah"
        r"|warga|orang|pengendara)"
        r"|dibacok|ditikam|ditusuk|ditembak|dipanah"
        r"|senjata tajam|sajam|tidak sadarkan diri"
        r"|(ambulans|ambulan|ambulance)(?! (nanti|susah|sulit|tidak|tak|bisa))"
        r"|mayat|jenazah|tidak bernyawa|terjatuh"
        r"|terperosok|tercebur|kecebur|terjungkal|terpental|terserempet"
        r"|keserempet|diserempet|terbawa arus|terseret arus|gegar otak"
        r"|patah (kaki|tangan|tulang|leher|lengan)"
        r"|(kepala|kaki|tangan|lengan|dahi|jidat|lutut|muka|wajah|pelipis|siku"
        r"|punggung|badan)\w* (bocor|robek|sobek|berdarah|patah|luka\w*|lecet"
        r"|memar|bengkak)"
        r"|(keluar|mengeluarkan|banyak|bersimbah|berlumuran|lumuran|ceceran"
        r"|bercucuran) darah|darah\w* (keluar|mengalir|mengucur|bacucur"
        r"|bercucuran|muncrat|banyak)"
        r"|(bawa|membawa|pegang|acung|mengacungkan) (parang|pisau|sajam|senjata)"
        r"|(ancam|diancam)( \w+){0,4} (pakai|dengan|bawa) (pisau|parang|sajam|senjata"
        r"|golok)"
        r"|tertusuk (jarum|paku|kaca|besi|pisau)"
        r"|(dilarikan|dibawa|dirawat|masuk|larikan|bawa) (ke )?(rumah sakit|rs"
        r"|puskesmas|igd|ugd))\b"
        r"|(?<!layangan )(?<!layang )(?<!rumah )(?<!kandang )"
        rf"\b{PEOPLE}\w*{_WIDE_GAP} {_BEFELL}\b"
        rf"|\b{HUMANS}\w*{_GAP} (mati(?! (lampu|listrik|air|total))|meninggal|tewas"
        r"|kena pukul|dipukul|kena kabel listrik|pegang kabel listrik|kritis"
        r"|tidak sadar(?! (ada|kalau|bahwa|jika)))\b"
        rf"|{_DROPPED}\b(saya|kami|dia|mereka)( \w+)? (jatuh(?! tempo)|terjatuh"
        r"|kesetrum|tersetrum)\b"
        r"|\b(ada|sudah ada) (yang|orang) (jatuh|terjatuh|terpeleset|luka\w*"
        r"|tenggelam|hanyut|terseret)\b"
        r"|\bjatuh (dari|dr) (motor|sepeda|atap|pohon|tangga|jembatan|lantai"
        r"|tebing|oto|bemo|angkot)\b"
        r"|(?<!pohon )(?<!dahan )(?<!batang )(?<!kayu )(?<!tiang )(?<!batu )"
        rf"(?<!sampah ){_DROPPED}\b(jatuh|terjun) ke (dalam )?{_HOLES}\b"
        r"|\b(teriak|teriakan|berteriak|jeritan|suara orang|suara anak|terdengar suara"
        r"|dengar suara)( \w+)?"
        r" (minta )?tolong\b"
        r"|\b(hubungi|panggil|butuh|perlu|datangkan) (bantuan )?(tim sar"
        r"|basarnas)\b"
        rf"|\b{HUMANS}\w*{_WIDE_GAP} (tidak|belum) (bisa|dapat) (bangun|bergerak"
        r"|bernapas|bernafas|berdiri|keluar dari (got|selokan|sumur|lubang|parit"
        r"|mobil|kali"
        r"|reruntuhan))\b(?! (karena|akibat) (macet|kemacetan|antrian|padat))"
        r"|\bsesak (napas|nafas)\b"
        rf"|\b{HUMANS}\w*{_GAP} (pusing|mual|muntah|lemas|pingsan)\w*( \w+){{0,3}}"
        r" (setelah|sesudah|karena|akibat|kena) (menghirup |hirup |mencium |cium )?"
        r"(gas|asap|bau gas|uap)\b"
        r"|\b(tidak|belum) (bisa|dapat) (bernapas|bernafas)\b(?! lega)"
        r"|\b(rumah|tembok|atap|bangunan|dinding|plafon|pagar|gedung|kios)\w*"
        r"( \w+){0,5} (roboh|runtuh|ambruk|ambrol)"
        r"|\b(atap|seng|genteng|rumah)\w*( \w+){0,3} (terbang|beterbangan"
        r"|diterbangkan|dihempas) (angin|oleh angin|dibawa angin|puting beliung)"
        r"|\b(puting beliung|angin puyuh|angin ribut|badai)( \w+){0,3} (melanda"
        r"|menerjang|merusak|menerbangkan|merobohkan|menumbangkan|menghantam)\b"
        r"|\b(sumur|menara|tower)\w*( \w+){0,4} (roboh|runtuh|ambruk|ambrol|amblas"
        r"|ambles)\b"
        rf"|\b{PEOPLE}\w*{_WIDE_GAP} (masuk|terjun|nyemplung|nyungsep) (ke |di )?"
        r"(dalam )?"
        rf"({_HOLES}|lubang|lobang|galian|manhole)\b(?! (untuk|buat|mau|agar|supaya))"
        rf"|\b{HUMANS}\w*{_GAP} hilang( \w+){{0,2}} (terbawa|terseret|hanyut|di"
        r" (kali|sungai|laut|banjir|arus|air))"
        r"|\b(terjebak|terkurung|terkepung|terperangkap) (di )?(dalam )?(rumah"
        r"|mobil|kamar|banjir|api|air)"
        r"|\b(tanah )?longsor( \w+){0,3} (menimpa|menutup|menimbun|rumah)"
        r"|\bmenimpa ((seorang|satu|dua|tiga|empat|lima|beberapa|banyak|\d+)"
        rf" )?{PEOPLE}"
        rf"|\b{HUMANS}\w*( \w+){{0,6}} (muntah\w*|diare|mencret|keracunan|lemas"
        r"|sesak (napas|nafas)|sakit perut|pusing dan mual|mual dan pusing|mual mual"
        r"|kejang\w*)\b"
        r"|\b(keracunan (massal|air|makanan)|diare massal|muntaber)\b"
        r"|\bmenabrak ((seorang|satu|dua|tiga|empat|beberapa|banyak|\d+) )?"
        rf"{HUMANS}"
        r"|\b(sudah|tadi|barusan) (sudah )?(kena|mengenai|menghantam) (kepala|badan"
        r"|tubuh|muka) (orang|pengendara"
        r"|warga|anak|pemotor|pejalan)"
        rf"|\b{HUMANS}\w*{_GAP} (kena|tertimpa|kejatuhan|dihantam|terhantam)"
        r" (papan|reklame|baliho|dahan|pohon|batu|seng|atap|genteng|tiang|kayu"
        r"|material|tembok)\b"
    ),
    "live_wire": re.compile(
        rf"\b{_WIRE}\w*( listrik\w*| pln| tegangan tinggi)?( \w+){{0,4}} (putus"
        r"|terputus|menjuntai|terjuntai|berjuntai|jatuh|terjatuh|terbakar|berpercik"
        r"|percik|memercik|nyetrum|menyetrum|terkelupas|terbuka|melintang|menyentuh"
        r"|tergeletak|lepas|terlepas|berasap|meletup|meledak|kena air|terendam"
        r"|korslet|konslet|keluar api|hangus|membakar|bakar)\b"
        rf"|\b{_WIRE}\w*( listrik\w*| pln)?( \w+){{0,2}} (nempel|menempel) (ke |di"
        r" |pada )?(atap|seng|pagar|rumah|jemuran|tiang besi)\b"
        rf"|\b{_WIRE}\w*( listrik\w*| pln)?( \w+){{0,2}} (masuk|jatuh|tergeletak"
        r"|tercelup|terendam) (ke |di )?(dalam )?(genangan|kubangan|air|got|selokan"
        r"|banjir|kolam)\b"
        r"|\b(stop kontak|colokan|meteran listrik|meteran(?! air)|kwh|panel listrik)\w*"
        r"( \w+){0,3} (terendam|kena air|kemasukan air|tenggelam)\b"
        r"|\b(kilatan|kilat) (api|listrik)\b"
        r"|\b(trafo|travo|gardu)\w*( \w+){0,2} (bunyi|berbunyi) (ledak|meledak"
        r"|ledakan|letupan|keras|duar|dor|dar)"
        rf"|\b{_WIRE}\w*( \w+){{0,4}} (kena|sentuh|menyentuh|sampai|sampai ke)"
        r" (kepala|tanah|jalan|orang|atap|seng|motor|mobil|oto|truk|pagar|air)\b"
        rf"|\b{_WIRE}\w*( \w+){{0,2}} (rendah|kendor|kendur)( sekali)? (sampai|hampir"
        r"|kena|menyentuh)\b"
        rf"|\b{_WIRE}\w*( \w+){{0,2}} (menggantung|tergantung|bergantung"
        r"|bergelantungan|gantung|melorot|turun)( sangat| sekali)? (rendah|ke bawah"
        r"|ke jalan|di jalan|sampai|hampir|dekat)\b"
        r"|\b(api|asap|percikan|bunga api)( \w+)? (dari|di) (atas )?(kabel|tiang|trafo"
        r"|travo|gardu|lampu|meteran|kwh|stop kontak|colokan|listrik)"
        r"|\b(kabel|tiang|trafo|travo|gardu|lampu|meteran|kwh|listrik)\w*"
        r"( \w+){0,10} (keluar|mengeluarkan) (api|asap|percikan|bunga api)"
        r"|\b(panel|kotak panel|box panel)( listrik| pju| lampu)?\w*( \w+){0,7}"
        r" (keluar|mengeluarkan) (api|asap|percikan|bunga api)"
        r"|\b(trafo|travo|gardu|panel)\w*( \w+){0,5} (mendesis|berdesis)\b"
        r"|\btiang (listrik|pln|pju|lampu)\w*( \w+){0,4} (roboh|tumbang|patah|jatuh"
        r"|rebah|ambruk)\b"
        r"|\btiang( listrik| pln)?\w*( \w+){0,3} (miring|condong|rebah|bersandar"
        r"|menimpa|roboh|tumbang|jatuh)( \w+){0,2} (ke|kena|mengenai|menyentuh"
        r"|menempel|menimpa|timpa|sampai|pada) (atas )?(atap|rumah|seng|pagar|kabel"
        r"|mobil"
        r"|motor|oto)"
        r"|\btiang( listrik| pln)?\w*( \w+){0,5} (bersandar|menyandar|menimpa|timpa"
        r"|menempel|rebah) (di |ke |pada )?(atap|rumah|seng|pagar|kabel|mobil|motor"
        r"|oto)"
        rf"|\b{_TREES}\w*( \w+){{0,3}} menimpa kabel( listrik| pln)?\b"
        r"|\b(dahan|pohon|batang|ranting|cabang|kayu)\w*( \w+){0,6} (tergantung"
        r"|menggantung|bergantung|tersangkut|nyangkut|bersandar|menindih|tertahan)"
        r" (di |pada )?(atas )?kabel( listrik| pln)?\b"
        rf"|\b{_TREES}\w*( \w+){{0,3}} {_DOWN}( \w+){{0,2}} (kena|mengenai|menarik"
        r"|tersangkut di) kabel( listrik| pln)?\b"
        rf"|\b{_WIRE}\w*( \w+){{0,2}} (tertimpa|ketimpa|kena) (pohon|dahan|batang|kayu)"
        r"|\b(tiang|pagar|besi|seng|pipa|air|genangan|pintu|tembok|dinding|atap"
        r"|kran|keran)\w*( \w+){0,2} (nyetrum|menyetrum|beraliran listrik"
        r"|bertegangan|ada setrum|ada listrik|berlistrik|kasih kejut|kasih setrum)\b"
        r"|\b(atap|seng|pagar|jemuran|talang|tiang besi)\w*( \w+){0,2} (kena|menyentuh"
        r"|sentuh|nempel|menempel)( ke| di| pada)? kabel( listrik| pln)?\b"
        r"|\b(pegang|memegang|sentuh|menyentuh|kena)( \w+){0,4} (tersetrum|kesetrum"
        r"|terpental|kena setrum)\b"
        r"|\b(trafo|travo|gardu|meteran listrik|meteran|kwh|token listrik"
        r"|stop kontak|colokan|panel listrik)\w*( \w+){0,5} (meledak|terbakar"
        r"|berasap|berpercik|memercik|meletup|korslet|konslet|hangus|berbunyi"
        r" keras|bunyi ledakan)\b"
        r"|\b(ledakan|meledak|bunyi ledakan|dentuman)( \w+)? (di|dari) (trafo|travo"
        r"|gardu|tiang listrik|tiang pln|kabel|meteran)"
        r"|\b(lampu|tiang lampu)( jalan| pju| penerangan)?\w*( \w+){0,2} (roboh|tumbang"
        r"|patah|jatuh|ambruk)( \w+){0,2} (ke|di tengah|menimpa) (jalan|badan jalan"
        r"|rumah|motor|mobil|orang)\b"
        r"|\b(korsleting|konsleting|kosleting|korsluiting|korslet|konslet|koslet"
        r"|percikan api|berpercik|berpercikan|percikan listrik|listrik bocor"
        r"|setrum bocor|arus bocor|bunga api listrik)\b"
        r"|\b(nyetrum|menyetrum|beraliran listrik|ada setrum)\b"
        rf"|\b{_WIRE}\w*( \w+){{0,10}} masih (ada |ber)?(arus|setrum|aliran)\b"
        rf"|\b{_WIRE}\w*( \w+)? masih (nyala|menyala)\b"
        r"|\b(aliran listrik|arus listrik|setrum) (\w+ )?(di|pada|ke) (tiang|pagar"
        r"|seng|air|genangan|besi|pintu|tembok|dinding|atap|kran|keran)"
        r"|\b(tolong|mohon|segera|cepat|minta) (\w+ )?(matikan|padamkan|putuskan)"
        r" (aliran )?(listrik|arus|setrum)\b"
    ),
    "fire": re.compile(
        r"\b((?<!film )(?<!korban )(?<!bekas )(?<!sisa )kebakaran(?! semangat)"
        r"|terbakar|hangus terbakar|api\w*"
        r"( (sedang|masih|sudah|terus|mulai|makin|semakin|su|telah)){0,2}"
        r"( \w+){0,5} (membesar|menjalar|merembet|makin dekat|semakin dekat"
        r"|sampai (di|ke) (rumah|atap|kios|toko|permukiman|pemukiman)"
        r"|berkobar|menyala|menyambar|membakar|melahap|melalap|makan|sudah besar"
        r"|makin besar|semakin besar|mendekat|mendekati|merambat|melebar|meluas"
        r"|menyebar)|dilalap api"
        r"|dilahap api|dimakan api|jago merah|kobaran api|berkobar|meledak|ledakan"
        r"|api\w*( \w+){0,5} (belum|tidak|tak|sonde|masih belum) (padam|dipadamkan)"
        r"|dentuman"
        r"|asap (tebal|hitam|mengepul|pekat|membumbung)|gas bocor|bocor gas|bau gas"
        r"|gas tercium|bau (kabel terbakar|terbakar)"
        # not the smell a fire put out leaves ("masih bau hangus")
        r"|(?<!masih )bau (hangus|gosong|sangit)"
        r"|(bau|tercium|aroma) (elpiji|lpg)"
        r"|(gas|elpiji|lpg|tabung)\w*( \w+){0,2} (mendesis|berdesis|menyembur)"
        r"|(asap dan api|api dan asap)"
        r"|(tabung )?(gas|elpiji|lpg)\w*( \w+){0,2} (bocor|meledak)"
        r"|(regulator|selang) (gas |elpiji )?bocor"
        r"|kebocoran (pipa |tabung |selang )?(gas|elpiji)"
        r"|ada api|api besar|api tinggi|nyala api|muncul api|(lihat|melihat) api"
        r"|\A(ada |awas )?api( api)*\Z"  # a clause of its own: "API!!!"
        r"|\A(ada )?api (di|dekat) \w+( \w+)?\Z"  # "api di Fatubesi, ruma kayu"
        r"|api\w* (di |dari )?(rumah|kios|toko|gudang|warung|pasar|atap|gedung"
        r"|sekolah|kantor|kandang)"
        r"|api\w* (terlihat|tampak|keluar|muncul) (dari|di)|(terlihat|tampak) api)\b"
        r"|\b(rumah|kios|toko|gudang|warung|kandang|dapur|lahan|ilalang|rumput"
        r"|semak|hutan|pasar|mobil|motor|bengkel|atap|plafon|gedung)\w*"
        r"( \w+){0,2} (hangus|dilalap)\b"
        r"|\b(rumah|kios|toko|gudang|warung|kandang|dapur|atap|plafon|gedung)\w*"
        r"( \w+){0,2} berasap\b"
        r"|\b(rumah|kios|toko|gudang|warung|kandang|dapur|atap|plafon|gedung|pasar"
        r"|bengkel)\w*( \w+){0,4} (sudah |mulai )?menyala\b"
        r"|\b(merembet|menjalar|merambat|menyambar|sambar) (ke |sampai )?(pohon|pagar"
        r"|rumah|kios|toko"
        r"|atap|kebun|lahan|gudang|permukiman|pemukiman|warung|kandang)\b"
        r"|\basap\w*( \w+){0,2} (keluar|muncul|mengepul|membumbung) dari (plafon"
        r"|atap|rumah|dapur|jendela|gudang|kios|toko|kamar|warung|bengkel|gedung)\b"
        r"|\b(alang alang|ilalang|rumput|semak|padang|lahan|hutan|kebun)\w*"
        r"( \w+){0,4} (terbakar|berasap|dilalap|menyala)\b"
        r"|\b(membakar|sengaja bakar|yang bakar|orang bakar) (rumah|kios|toko|mobil"
        r"|motor|gudang|warung)\b"
        r"|\b(panggil|hubungi|kirim|datangkan|telepon|telpon|tolong|butuh|perlu)"
        r" (\w+ )?(damkar|pemadam)\b"
    ),
    "water_in_homes": re.compile(
        rf"\b({_WATER}\w*|rob|kali|sungai|got|selokan|saluran|drainase|laut|ombak"
        r"|gelombang)"
        rf"( \w+){{0,6}} (masuk|merendam|menggenangi|rendam|memasuki|masuki"
        rf"|menerjang|menyerbu|membanjiri|banjiri|menghantam|menghanyutkan"
        rf"|meluap)( \w+){{0,3}} {_HOME}"
        # not the road in front of it ("jalan depan rumah tergenang")
        rf"|(?<!depan )(?<!samping )(?<!dekat )(?<!belakang )(?<!sebelah )"
        rf"\b{_HOME}\w*( \w+){{0,5}} (kebanjiran|terendam|tenggelam|hanyut"
        r"|kemasukan air|dimasuki (air|banjir|lumpur)|tergenang|digenangi|direndam"
        r"|kena banjir|terkena banjir"
        r"|terdampak banjir|dilanda banjir|diterjang banjir)"
        r"|\b(kami|saya|warga|kampung|kompleks|lorong|gang|satu rt)( \w+){0,3}"
        r" kebanjiran\b"
        rf"|\b(di |ke )?dalam (rumah|kamar)( \w+){{0,3}} ({_WATER}|tergenang"
        r"|terendam)"
        rf"|\b{_WATER}\w*( \w+){{0,5}} (di |ke )?dalam (rumah|kamar)"
        rf"|\b{_WATER}\w*( \w+){{0,4}} masuk (lewat|dari|melalui|ke) (bawah )?(pintu"
        r"|jendela|celah pintu)\b"
        r"|\b(setinggi|sebatas|sampai|sampe) (mata kaki|lutut|betis)( \w+){0,2} (di"
        r" |dalam )(dalam )?(rumah|ruang tamu|kamar|dapur|kelas|toko)\b"
        rf"|\b{_WATER}\w*( \w+){{0,3}} (sampai|sampe|naik) (ke |di )?(dalam )?"
        r"(tempat tidur|kasur|ranjang|dapur|kamar|ruang tamu|dalam rumah|lantai)"
        rf"|\b{_WATER}\w*( \w+){{0,3}} naik (ke |sampai )?(dalam )?(rumah|teras)"
        r"|(?<!rumput )(?<!ilalang )(?<!alang )(?<!semak )(?<!sampah )"
        r"\bsetinggi (paha|dada|leher|pinggang|atap|perut|jendela)\b"
        rf"|\b{_WATER}\w*( \w+){{0,3}} (setinggi|sebatas|sampai|hingga|mencapai)"
        r" (paha|dada|leher|pinggang|atap|perut|jendela|plafon|kepala|orang dewasa)\b"
        r"|\b(banjir|genangan|ketinggian (air|banjir|genangan)(?! (sungai|kali|laut"
        r"|bendungan|embung|waduk)))\w*( \w+){0,3} (1|2|3|satu|dua|tiga)( \d)?"
        r" ?(meter|m)\b"
        r"|\b(warga|kami|keluarga|mereka|anak|orang|penghuni)\w*( \w+){0,2}"
        r" (bertahan|berlindung|mengungsi|menyelamatkan diri) (ke |di )(atas )?(atap"
        r"|loteng|lantai dua|lantai 2|plafon)\b"
        r"|\bnaik ke (atas )?(atap|loteng|lantai dua|lantai 2)( \w+)? (karena|akibat"
        r"|menghindari|hindari) (banjir|air)\b"
        r"|\b(kampung|kompleks|perumahan|pemukiman|permukiman|desa|kelurahan|rt"
        r"|rw)\w*( \w+){0,3} (terendam|tergenang|digenangi|terkepung|dikepung)"
        r"( \w+)? (banjir|air)"
        r"|\b(kampung|kompleks|perumahan|pemukiman|permukiman)\w*( \w+)? tenggelam\b"
        r"|\b(sepinggang|sedada|seleher|sepaha|seperut)\b"
        r"|\b(selutut|sebetis|semata kaki)( \w+){0,3} (rumah|kamar)"
        r"|\b(lantai|ruang tamu|kamar|dapur|rumah)\w*( \w+){0,2} (jadi|seperti|kaya"
        r"|macam) kolam\b"
        r"|\b(barang|perabot|perabotan|kasur|lemari|kulkas)\w*( \w+){0,2}"
        r" (terendam|hanyut|terapung|tenggelam)"
        rf"|\b(kamar|dapur|ruang tamu|ruang keluarga|dalam rumah)\w*( \w+){{0,2}}"
        rf" {_WATER}\w*( \w+){{0,2}} (sampai|setinggi|sebatas|naik|selutut|sebetis"
        r"|sepinggang|sepaha)\b"
        r"|(?<!jalur )(?<!rute )(?<!titik )(?<!tempat )(?<!simulasi )(?<!latihan )"
        r"(?<!sosialisasi )\b(evakuasi|dievakuasi|mengevakuasi|mengungsi|diungsikan"
        r"|pengungsian"
        r"|banjir bandang|air bah"
        r"|arus deras|banjir rob|air rob)\b"
        r"|\bair\w*( \w+){0,2} (terus|makin|semakin|masih) naik\b"
        r"|\bair\w*( \w+){0,2} naik terus\b"
    ),
    "road_blocked": re.compile(
        rf"\b{_TREES}\w*( \w+){{0,10}} (menutup|menutupi|tutup|tutupi|menghalangi"
        r"|halangi|memblokir|blokir|melintang|palang|malang|memalang)\w*"
        r"(?! (lampu|rambu|papan|plang|cahaya|pandangan|sinar))( \w+){0,2}"
        r" (jalan|jalur|badan jalan|akses|lorong|gang)"
        rf"|\b{_TREES}\w*( \w+){{0,6}} (menutup|menutupi|menghalangi|memblokir)"
        r" (arus )?(lalu lintas|lalin|kendaraan)\b"
        rf"|\b{_TREES}\w*( \w+){{0,4}} (menimpa|timpa|menindih) (atap )?(rumah"
        r"|orang|warga|pengendara|motor|mobil|oto|kendaraan|angkot|bemo|kabel)"
        rf"|\b{_TREES}\w*( \w+){{0,4}} (kena|mengenai) (rumah|orang|warga"
        r"|pengendara|motor|mobil|oto|kendaraan|angkot|bemo)"
        rf"|\b{_TREES}\w*( \w+){{0,3}} {_DOWN}( \w+)? (ke|di) (atas )?(atap|rumah|mobil"
        r"|motor|oto|kendaraan|kamar)\b"
        rf"|\b{_TREES}\w*( \w+){{0,3}} {_DOWN} (ke( tengah)?|di (tengah|badan)"
        r"|tengah|badan) (jalan|jalur)\b"
        rf"|\b{_TREES}\w*( \w+){{0,4}} {_DOWN} (di|ke) (ruas )?jalan (raya|utama|poros"
        r"|umum|besar)\b"
        rf"|\b{_DOWN} (dan {_DOWN} )?(menutup|menutupi|menghalangi|memblokir"
        r"|melintang di)( \w+){0,2} (jalan|jalur|lajur|badan jalan)\b"
        r"|\b(baliho|reklame|papan reklame|billboard|videotron)\w*( \w+){0,8}"
        r" (roboh|tumbang|ambruk|jatuh|runtuh|rubuh)\b"
        r"|\b(truk|mobil|bus|oto|kontainer|kendaraan|tronton|pick up|pikap)\w*"
        r"( \w+){0,3} (melintang|menutup|menutupi|menghalangi|memblokir|terguling"
        r"|terbalik|mogok)( \w+)? (di )?(tengah )?(jalan|badan jalan|jalur|tanjakan"
        r"|turunan|tikungan)\b"
        r"|\b(lampu merah|lampu lalu lintas|traffic light|bangjo|tiang lampu merah"
        rf"|rambu|papan rambu)\w*( \w+){{0,8}} {_DOWN} (ke|di) (tengah )?(jalan|lajur"
        r"|jalur)\b"
        r"|\b(muatan|material|batu|pasir|kayu|barang|solar|oli)\w*( \w+){0,4}"
        r" (tumpah|berserakan|berhamburan)( \w+){0,2} (di |ke )?(tengah )?(jalan"
        r"|badan jalan|turunan|tanjakan|tikungan)\b"
        r"|\b(tanah )?longsor\w*( \w+){0,4} (tutup|menutup|menutupi|menimbun"
        r"|menghalangi)( \w+)? (jalan|jalur|badan jalan|akses)\b"
        r"|\b(batu|bongkahan|tanah|material)\w*( \w+){0,4} (jatuh|tutup|menutup"
        r"|menutupi|menimbun) (di |ke )?(tengah )?(semua |seluruh )?(jalan|jalur"
        r"|badan jalan)\b"
        r"|\b(jalan|jalur|akses|lorong|gang)\w*( \w+){0,2} (tertutup|terputus"
        r"|terblokir|terhalang|terhalangi|tutup) (oleh )?(pohon|dahan|batang"
        r"|kayu|longsor|tiang|baliho|material)"
    ),
    "collapse": re.compile(
        r"\b(jembatan|titian|deker|duiker|gorong gorong)\w*( \w+){0,12} (ambruk"
        r"|runtuh|roboh|amblas|ambles|ambrol|anjlok|putus|patah|hanyut|jebol|hancur"
        r"|terban|terbawa|terseret|longsor)\b"
        r"|(?<!lampu )\b(jalan|badan jalan|bahu jalan|aspal|talud|tanggul|bendungan"
        r"|embung"
        r"|tembok|dinding|trotoar|tanah|pondasi|fondasi|tebing)"
        rf"\w*{_FAR_GAP} (amblas|ambles|ambrol|anjlok|terban|longsor|ambruk|runtuh"
        r"|jebol|bobol|hanyut|putus|terbelah)\b"
        r"|\btanah\w*( \w+){0,4} ((mulai|sedang|terus|masih) )?(bergerak"
        r"|retak dan turun|ambles|amblas|ambrol)\b"
        r"|\b(retak|retakan|rekahan)\w*( \w+){0,4} (makin|semakin|terus|bertambah)"
        r" (lebar|besar|panjang|dalam|turun)\b"
        r"|\b(jalan|badan jalan|aspal|tanah|talud)\w*( \w+){0,2} (turun|melorot"
        r"|bergeser|merosot) (separuh|setengah|ke (kali|jurang|bawah|sungai|laut))\b"
        r"|\b(tanah )?longsor\w*\b"
        r"|\b(batu|bongkahan|tanah|tebing|material)\w*( \w+){0,2} (jatuh|runtuh"
        r"|longsor|ambruk) (ke|di|menutup|menutupi|menimpa)( tengah| badan)?"
        r" (jalan|rumah)"
        r"|\b(batu|bongkahan|tanah|material)\w*( \w+){0,2} (jatuh|runtuh|longsor)"
        r" dari (tebing|bukit|atas)\b"
        r"|\bjalan\w*( \w+){0,2} putus total\b"
        r"|\b(tiba tiba|mendadak)( \w+){0,2} (muncul |terbentuk |ada )?lubang"
        r" (besar|dalam|raksasa)\b"
        r"|\blubang (besar|dalam|raksasa)( \w+){0,3} (tiba tiba|mendadak)"
        r"|\blubang( \w+){0,3} (baru|tiba tiba|mendadak) (muncul|terbentuk)\b"
        r"|\b(baru|tiba tiba|mendadak) (muncul|terbentuk) lubang\b"
        r"|\blubang( \w+){0,6} (telan|menelan|makan) (roda|ban|motor|mobil|truk)\b"
        r"|\b(tiba tiba|mendadak) (turun|amblas|ambles|ambrol|anjlok|runtuh|ambruk"
        r"|longsor|jebol|roboh)\b"
        r"|\b(jembatan|titian)\w*( \w+){0,8} (mulai|sedang|terus) (turun|amblas"
        r"|ambles|miring|bergeser|runtuh|roboh)\b"
        r"|\b(jembatan|titian)\w*( \w+){0,12} (jatuh|runtuh|lepas|copot|terlepas)"
        r" ke (bawah|kali|sungai|laut|jurang)\b"
        r"|\b(tembok|dinding|talud|tanggul|tebing|pondasi|fondasi|plafon)\w*"
        r"( \w+){0,12}( (mulai|sedang|terus|sudah|sebagian)){1,2} (runtuh|roboh"
        r"|rubuh|ambruk|longsor|ambrol|jebol|jatuh)\b"
        r"|\b(jalan|badan jalan|aspal|tanah|talud|tebing|tembok|dinding)\w*"
        r"( \w+){0,10} ((terus|makin|semakin|masih) (turun|ambles|amblas|ambrol"
        r"|longsor|bergeser|merosot)|(turun|ambles|amblas|bergeser|merosot) terus)\b"
        r"|\b(atap|plafon|rangka atap|kuda kuda|kasau|usuk)\w*( \w+){0,6}"
        r" (melengkung|ambruk|runtuh|roboh|rubuh|jebol)\b"
        r"|\bkuda kuda\w* (patah|retak)\b"
        r"|\b(atap|plafon|plafond|tembok|dinding)\w*( \w+){0,6} (jatuh|runtuh|ambruk"
        r"|roboh|jebol|ambrol) sebagian\b"
        r"|\b(menara|tower|tandon|tangki air)\w*( \w+){0,5} miring( \w+){0,2}"
        r" (berbunyi|bergoyang|goyang|retak)\b"
        r"|\b(tutup|penutup) (got|selokan|saluran|drainase|parit|manhole"
        r"|gorong gorong)\w*( \w+){0,6} (patah|pecah|jebol|ambruk|runtuh|amblas"
        r"|ambles)\b"
        r"|\b(jembatan|titian)\w*( \w+){0,4} (tidak|belum) (bisa|dapat) (dilewati"
        r"|dilalui|lewat|dilintasi|diseberangi)\b"
    ),
    "traffic_signal": re.compile(
        rf"\b{_SIGNALS}\w*( \w+){{0,4}} (nyala |menyala )?(hijau semua|semua hijau"
        r"|hijau (di )?semua arah|hijau dua arah)\b"
    ),
    "animal": re.compile(
        r"\b(digigit|tergigit|kena gigit|gigit|diserang|dipatuk|dipatok|dipagut"
        r"|disengat|dikejar|diseruduk|ditanduk|diterkam|dicakar)( \w+){0,2}"
        r" (anjing|ular|buaya|babi|sapi|kerbau|kuda|tawon|lebah|tabuhan|kucing"
        r"|monyet|patola)\b"
        r"|\b(digigit|tergigit|dipatuk|dipatok|dipagut)\b(?! (nyamuk|semut|lalat"
        r"|kutu|serangga|agas))"
        r"|\b(anjing|ular|buaya|tawon|lebah|sapi|kerbau|babi|kuda)\w*( \w+){0,6}"
        r" (menggigit|gigit|menyerang|serang|mengejar|kejar|mengamuk|ngamuk"
        r"|menyeruduk|seruduk|mematuk|patuk|melilit|lilit|menerkam|menyengat"
        r"|menabrak|tabrak|menendang|tendang|menanduk|tanduk)\b"
        r"|\b(disengat|tersengat|kena sengat|terkena sengat)\b"
        r"(?! (listrik|setrum|arus|matahari))"
        r"|\b(ular|buaya|patola)\w*( \w+){0,3} masuk (ke )?(dalam )?(rumah|kamar"
        r"|kelas|sekolah|dapur|kamar mandi|wc|plafon|gudang|halaman|teras|kasur"
        r"|tempat tidur|lemari|kampung|pemukiman|permukiman)\b"
        r"|\bada (ular|patola)( \w+){0,2} (di )?(dalam )?(rumah|kamar|kelas"
        r"|sekolah|dapur|kamar mandi|wc|plafon|gudang|halaman|teras|kasur|lemari"
        r"|mobil)\b"
        r"|\b(anjing\w*( \w+){0,2} (rabies|gila)|ular (kobra|berbisa|piton|sanca"
        r"|besar|hijau|weling|welang|king kobra|derik))\b"
        r"|\bbuaya\w*( \w+){0,3} (muncul|terlihat|naik|berkeliaran|berjemur"
        r"|mendekat|di (pantai|kali|muara|sungai|got|pinggir))\b"
        r"|\b(ada|lihat|melihat|terlihat) buaya\b"
    ),
}
#: a fallen tree in the text and, in any clause, the road it closes: the
#: blocking words ("tidak bisa lewat") carry a "tidak" that is no negation
FALLEN = re.compile(rf"\b{_TREES}\w*( \w+){{0,6}} {_DOWN}")
CLOSED = re.compile(
    r"\b(tidak|belum) (bisa|dapat) (lewat|dilewati|dilalui|melintas|melewati"
    r"|lalu|jalan|masuk|keluar|lolos|menyeberang|diseberangi|dilintasi)\b"
    r"|\b(jalan|jalur|akses)\w*( \w+){0,2} (tertutup|buntu|terputus|putus|lumpuh"
    r"|terhalang|tutup|terblokir)\b"
    r"|\b(tertutup|terhalang|terhalangi) (pohon|dahan|batang|kayu)"
    r"|\b(menghalangi|menghambat|mengganggu) (arus )?(lalu lintas|lalin|kendaraan)\b"
    r"|\b(menghalangi|menutup|menutupi|memblokir|halangi|tutup) ((ful|total|semua"
    r"|seluruh|separuh|sebagian|setengah|satu|dua|tiga|kedua|\d+) ){0,2}(jalan|jalur"
    r"|lajur|akses|badan jalan)\b"
    r"|\b(tengah|badan) jalan\b|\bmelintang\b"
    r"|\b(macet total|putar balik|memutar balik|cari jalan lain)\b"
    r"|\b(lalu lintas|lalin)( \w+)? (lumpuh|terhenti|macet|tersendat|terganggu)\b"
)
#: a report that says no more than a tree down on a street ("pohon rubu di Jl
#: Cak Doko"): the street is blocked; when it says more ("…, menimpa pagar"),
#: what it says decides
FALLEN_ON_STREET = re.compile(rf"\b{_TREES}\w*( \w+){{0,3}} {_DOWN} di jalan\b")
#: a bridge broken in the text and, in any clause, no one able to cross it
#: something about to come down in the text ("ayunan patah, tiangnya mau
#: jatuh", "pohon retak dan miring ke arah sekolah") and, in any clause,
#: people beneath or beside it now ("anak2 masih main di bawahnya"): a maybe
#: does not undo the first, the people make it danger
LEANING = re.compile(
    r"\b(pohon|dahan|batang|tiang|pagar|tembok|dinding|ayunan|perosotan|baliho"
    r"|reklame|papan|atap|plafon|menara|tandon|tangki|rambu|tribun|lampu|kap"
    r"|truk)\w*( \w+){0,10} ((mau|akan|hampir|nyaris) (jatuh|roboh|rubuh|tumbang"
    r"|ambruk|runtuh|patah|terbalik)|miring|condong|goyang|bergoyang|berayun"
    r"|retak besar|lepas|terlepas|menggantung|tergantung)\b"
)
PEOPLE_BENEATH = re.compile(
    rf"\b{HUMANS}\w*( \w+){{0,2}} (masih|sedang|lagi|ada) (main|bermain|di bawah"
    r"|di kelas|di dalam|jalan|berjalan|lewat|duduk|belajar|berteduh|ibadah"
    r"|berkumpul|antri|tidur|istirahat)\b"
    rf"|\b{HUMANS}\w* (main|bermain)\b"
    rf"|\b(di bawahnya|di bawahnya ada|di bawah(nya)? masih ada|di bawah ada)"
    rf"( \d+| beberapa| banyak)? ({HUMANS}|rumah|kios|sekolah)"
    rf"|\b(banyak|ramai) ({HUMANS}|kendaraan|motor) (lewat|lalu lalang|melintas)"
    r"|\b(penonton|jemaat|pengunjung|murid|siswa)\w* (penuh|ramai|masih)"
    r"|\b(jalan|jalur|lajur)( \w+)? (yang )?ramai\b|\bdi atas (jalur|jalan|lajur)"
    r"|\b(lagi|sedang) ada (pertandingan|acara|ibadah|pasar)"
    r"|\b(kendaraan|motor|mobil|oto|angkot|bemo|truk)\w*( \w+){0,2} (masih|sedang"
    r"|lagi) (ramai |banyak )?(lewat|melintas|lalu lalang|parkir)\b"
    rf"|\b{HUMANS}\w*( (banyak|ramai|masih|sedang|lagi))+ (duduk|berdiri|tidur"
    r"|menunggu|tunggu|antri|antre|berkumpul|berteduh) di bawah"
    r"|\b(ramai|rame|penuh|banyak) (orang|anak|warga|pejalan|kendaraan|motor)\b"
    r"|\bdi atas (trotoar|halte)\b"
    r"|\bke arah (atap |rumah )*(rumah|atap|sekolah|kelas|gereja|masjid|halte"
    r"|pasar)\b|\b(miring|condong) ke (rumah|sekolah|kelas|gereja|masjid|halte)\b"
    rf"|\b(di )?dalam (rumah|kamar|kelas)( \w+)? (masih )?ada {HUMANS}\b"
    # not a habit ("siswa yang suka duduk di bawahnya")
    rf"|\b{HUMANS}\w*(?!( yang)? (suka|sering|biasa|selalu))( \w+){{0,5}}"
    r" (persis |tepat )?di bawahnya\b"
)
#: a thing said to come down any moment ("sebentar lagi roboh"): with one
#: leaning in the text, that is danger whoever is beneath
FALLING_SOON = re.compile(
    r"\b(sebentar lagi|tinggal tunggu waktu|tinggal menunggu waktu|kapan saja bisa"
    r"|bisa kapan saja)( \w+){0,2} (roboh|rubuh|tumbang|jatuh|ambruk|runtuh|patah"
    r"|ambrol|terbalik)\b"
    r"|\b(bisa|dapat|mau) (roboh|rubuh|tumbang|jatuh|ambruk|runtuh|patah|ambrol)"
    r"( \w+){0,2} kapan saja\b"
)
#: the threats, each with the kind it is
THREATS = {
    "collapse": (
        LEANING,
        re.compile(f"{PEOPLE_BENEATH.pattern}|{FALLING_SOON.pattern}"),
    )
}
BROKEN_BRIDGE = re.compile(
    r"\b(jembatan|titian)\w*( \w+){0,3} (rusak|hancur|patah|retak|miring|jebol|bolong"
    r"|berlubang|lapuk|goyang|bergoyang)"
)
CLOSED_BRIDGE = re.compile(
    r"\b(tidak|belum) (bisa|dapat) (lewat|dilewati|dilalui|melintas|melewati"
    r"|menyeberang|diseberangi|dilintasi)\b"
    r"|\b(roboh|runtuh|ambruk|rubuh|jatuh|hanyut) ke (kali|sungai|bawah|laut|jurang)\b"
    r"|\b(tutup|menutup|ditutup) jembatan\b"
    # "masih ada motor yg nekat lewat": people still crossing what gave way
    r"|\b(masih|tetap) (ada |banyak )?(orang|warga|anak|motor|kendaraan|mobil|oto"
    r"|siswa|murid)\w*( \w+){0,2} (lewat|melintas|menyeberang|melewati)\b"
)
#: a cause in the text and the closing that makes it a danger: kind → both
#: water or fire rising in the text and, in any clause, someone who cannot get
#: away from it ("oma sakit sonde bisa kaluar ruma, aer su sampe lutut")
RISING = re.compile(
    rf"\b({_WATER}|api|asap)\w*( \w+){{0,2}} (sudah |masih |terus |mulai )?(sampai"
    r"|setinggi|sebatas|naik|masuk|mencapai|membesar|mendekat|menjalar)\b"
)
TRAPPED = re.compile(
    rf"\b{HUMANS}\w*( \w+){{0,4}} (tidak|belum) (bisa|dapat) (keluar|mengungsi"
    r"|menyelamatkan diri|lari|berjalan)\b"
)
#: an animal in the text and, in any clause, someone it set upon ("anjing dong
#: di jalan, barusan beta pung adik dikejar")
ANIMALS = re.compile(r"\b(anjing|ular|buaya|tawon|lebah|sapi|kerbau|babi|kuda)\w*\b")
ATTACKED = re.compile(
    r"\b(dikejar|diserang|diseruduk|diterkam|dicakar|dikeroyok|ditanduk)\b"
    r"|\b(kejar|mengejar|serang|menyerang|seruduk|menyeruduk|gigit|menggigit"
    rf"|tanduk|menanduk|tabrak|menabrak) ({HUMANS}|lagi)"
)
#: a traffic light out in the text and, in any clause, the junction in chaos
SIGNAL_OUT = re.compile(
    rf"\b{_SIGNALS}\w*( \w+){{0,10}} (mati|padam|rusak|error|eror|kedip|berkedip"
    r"|tidak (nyala|menyala|berfungsi))\b"
)
CHAOS = re.compile(
    r"\b(hampir|nyaris) (baku )?(tabrakan|bertabrakan|adu banting|tabrak|ditabrak"
    r"|tertabrak)\b|\b((saling|baku) (terobos|serobot|rebut)|semrawut|kacau balau"
    r"|kacau|adu banting|(saling|baku) (tabrak|bertabrakan|senggol|serempet)"
    r"|macet (total|terkunci))\b"
)
CLOSINGS = {
    "traffic_signal": (SIGNAL_OUT, CHAOS),
    "road_blocked": (FALLEN, CLOSED),
    "collapse": (BROKEN_BRIDGE, CLOSED_BRIDGE),
    "injury": (RISING, TRAPPED),
    "animal": (ANIMALS, ATTACKED),
}
