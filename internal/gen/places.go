package gen

// PartnerKeys are the municipality keys of the seven NRW partner
// municipalities; generated NRW companies belong to one of them or to none.
var PartnerKeys = []string{"aachen", "bochum", "duesseldorf", "essen", "koeln", "krefeld", "rhein-kreis-neuss"}

// city is a place with its Japanese spelling and telephone area code.
type city struct {
	name, ja, area string
}

// partnerCities lists, per entry of PartnerKeys, the cities a company of
// that municipality may be in: the StädteRegion Aachen and the Rhein-Kreis
// Neuss are districts with several towns.
var partnerCities = [][]city{
	{{"Aachen", "アーヘン", "241"}, {"Stolberg (Rhld.)", "シュトルベルク", "2402"}, {"Eschweiler", "エシュヴァイラー", "2403"}, {"Herzogenrath", "ヘルツォーゲンラート", "2406"}, {"Würselen", "ヴュルゼレン", "2405"}},
	{{"Bochum", "ボーフム", "234"}},
	{{"Düsseldorf", "デュッセルドルフ", "211"}},
	{{"Essen", "エッセン", "201"}},
	{{"Köln", "ケルン", "221"}},
	{{"Krefeld", "クレーフェルト", "2151"}},
	{{"Neuss", "ノイス", "2131"}, {"Grevenbroich", "グレーフェンブロイヒ", "2181"}, {"Dormagen", "ドルマーゲン", "2133"}, {"Meerbusch", "メーアブッシュ", "2159"}, {"Kaarst", "カールスト", "2131"}},
}

// otherNRW are NRW cities outside the partner municipalities.
var otherNRW = []city{
	{"Dortmund", "ドルトムント", "231"}, {"Duisburg", "デュースブルク", "203"}, {"Wuppertal", "ヴッパータール", "202"},
	{"Bielefeld", "ビーレフェルト", "521"}, {"Münster", "ミュンスター", "251"}, {"Bonn", "ボン", "228"},
	{"Gelsenkirchen", "ゲルゼンキルヒェン", "209"}, {"Mülheim an der Ruhr", "ミュールハイム", "208"},
	{"Leverkusen", "レバークーゼン", "214"}, {"Paderborn", "パーダーボルン", "5251"}, {"Siegen", "ジーゲン", "271"},
}

// tokyoCities are Tokyo wards (area code 3) and cities of the Tama area (42).
var tokyoCities = []city{
	{"Chiyoda-ku", "千代田区", "3"}, {"Chuo-ku", "中央区", "3"}, {"Minato-ku", "港区", "3"}, {"Shinjuku-ku", "新宿区", "3"},
	{"Bunkyo-ku", "文京区", "3"}, {"Taito-ku", "台東区", "3"}, {"Sumida-ku", "墨田区", "3"}, {"Koto-ku", "江東区", "3"},
	{"Shinagawa-ku", "品川区", "3"}, {"Meguro-ku", "目黒区", "3"}, {"Ota-ku", "大田区", "3"}, {"Setagaya-ku", "世田谷区", "3"},
	{"Shibuya-ku", "渋谷区", "3"}, {"Nakano-ku", "中野区", "3"}, {"Suginami-ku", "杉並区", "3"}, {"Toshima-ku", "豊島区", "3"},
	{"Kita-ku", "北区", "3"}, {"Arakawa-ku", "荒川区", "3"}, {"Itabashi-ku", "板橋区", "3"}, {"Nerima-ku", "練馬区", "3"},
	{"Adachi-ku", "足立区", "3"}, {"Katsushika-ku", "葛飾区", "3"}, {"Edogawa-ku", "江戸川区", "3"},
	{"Hachioji", "八王子市", "42"}, {"Tachikawa", "立川市", "42"}, {"Musashino", "武蔵野市", "422"}, {"Mitaka", "三鷹市", "422"},
	{"Fuchu", "府中市", "42"}, {"Chofu", "調布市", "42"}, {"Machida", "町田市", "42"}, {"Koganei", "小金井市", "42"},
	{"Hino", "日野市", "42"}, {"Tama", "多摩市", "42"}, {"Akishima", "昭島市", "42"}, {"Ome", "青梅市", "428"},
}

// Name parts. NRW names join a regional word and a sector stem; Tokyo names a
// place name (kanji, romaji) and a sector stem.
var (
	nrwPrefixes = []string{"Rhein", "Ruhr", "Erft", "Wupper", "Lippe", "Emscher", "Niers", "Sieg", "Eifel", "Berg",
		"Dom", "Hafen", "Hellweg", "Volme", "Lenne", "Agger", "Rur", "Schwalm", "Düssel", "Anger", "Zeche", "Kaiser",
		"Nordstern", "Westfalen", "Rheinland", "Brücken", "Kran", "Teuto", "Sauerland", "Niederrhein"}
	nrwLegal = []string{"GmbH", "GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "UG (haftungsbeschränkt)"}

	tokyoLegal  = []string{"Inc.", "Co., Ltd.", "K.K."}
	tokyoPlaces = [][2]string{{"大田", "Ota"}, {"品川", "Shinagawa"}, {"港南", "Konan"}, {"蒲田", "Kamata"},
		{"八王子", "Hachioji"}, {"多摩", "Tama"}, {"神田", "Kanda"}, {"日本橋", "Nihonbashi"}, {"青山", "Aoyama"},
		{"新宿", "Shinjuku"}, {"渋谷", "Shibuya"}, {"本郷", "Hongo"}, {"月島", "Tsukishima"}, {"豊洲", "Toyosu"},
		{"葛西", "Kasai"}, {"浅草", "Asakusa"}, {"上野", "Ueno"}, {"目黒", "Meguro"}, {"府中", "Fuchu"},
		{"三鷹", "Mitaka"}, {"立川", "Tachikawa"}, {"武蔵野", "Musashino"}, {"羽田", "Haneda"}, {"芝浦", "Shibaura"},
		{"赤坂", "Akasaka"}, {"駒込", "Komagome"}, {"王子", "Oji"}, {"板橋", "Itabashi"}, {"隅田", "Sumida"}, {"亀戸", "Kameido"}}

	deFirst = []string{"Anna", "Lukas", "Julia", "Jonas", "Laura", "Felix", "Sarah", "Tim", "Katrin", "Stefan",
		"Miriam", "Jan", "Sabine", "Markus", "Lea", "David", "Nina", "Thomas", "Elif", "Mehmet"}
	deLast = []string{"Schmitz", "Müller", "Wagner", "Becker", "Hoffmann", "Schulte", "Krämer", "Hermanns", "Jansen",
		"Kaiser", "Wolff", "Peters", "Vogel", "Brandt", "Lange", "Arslan", "Nowak", "Keller", "Dahmen", "Thelen"}
	jaFamily = [][2]string{{"佐藤", "Sato"}, {"鈴木", "Suzuki"}, {"高橋", "Takahashi"}, {"田中", "Tanaka"},
		{"伊藤", "Ito"}, {"渡辺", "Watanabe"}, {"山本", "Yamamoto"}, {"中村", "Nakamura"}, {"小林", "Kobayashi"},
		{"加藤", "Kato"}, {"吉田", "Yoshida"}, {"山田", "Yamada"}, {"佐々木", "Sasaki"}, {"松本", "Matsumoto"},
		{"井上", "Inoue"}, {"木村", "Kimura"}}
	jaGiven = [][2]string{{"健", "Ken"}, {"陽子", "Yoko"}, {"大輔", "Daisuke"}, {"美咲", "Misaki"}, {"翔", "Sho"},
		{"直子", "Naoko"}, {"拓也", "Takuya"}, {"彩", "Aya"}, {"誠", "Makoto"}, {"恵", "Megumi"}, {"亮", "Ryo"}, {"由美", "Yumi"}}

	roles = []trio{{"Geschäftsführung", "Managing Director", "代表取締役"}, {"Vertrieb", "Sales", "営業部"},
		{"Business Development", "Business Development", "事業開発"}, {"Einkauf", "Procurement", "購買部"},
		{"Leitung F&E", "Head of R&D", "研究開発部"}, {"Export", "International Business", "海外事業部"}}
)
