package gen

// trio is one term or phrase in the portal's three languages.
type trio struct{ de, en, ja string }

// sector is a NACE division with the vocabulary the generator draws from.
// Weights roughly follow how often a division appears among SMEs that look
// for partners abroad: manufacturing and IT dominate, retail and hotels are
// rare. The wording stays general on purpose: the profiles feed load tests,
// not quality evaluations.
type sector struct {
	code   string
	weight int
	stem   trio   // name stem: "Präzisionstechnik", "Precision", "精機"
	what   trio   // activity: "entwickeln und fertigen …" (de/en after "Wir/We", ja complete)
	terms  []trio // keywords
}

var sectors = []sector{
	{"C10", 4, trio{"Feinkost", "Foods", "フーズ"},
		trio{"stellen Lebensmittel für Handel und Gastronomie her", "produce food for retail and food service", "小売・外食向けの食品を製造しています"},
		[]trio{{"Lebensmittel", "food products", "食品"}, {"Bio", "organic", "オーガニック"}, {"Fermentation", "fermentation", "発酵"}, {"Lebensmittelsicherheit", "food safety", "食品安全"}}},
	{"C11", 1, trio{"Getränke", "Beverages", "醸造"},
		trio{"brauen und füllen Getränke ab", "brew and bottle beverages", "飲料を醸造・瓶詰めしています"},
		[]trio{{"Getränke", "beverages", "飲料"}, {"Brauerei", "brewery", "醸造所"}, {"Sake", "sake", "日本酒"}}},
	{"C13", 2, trio{"Textil", "Textiles", "テキスタイル"},
		trio{"weben und veredeln technische Textilien", "weave and finish technical textiles", "産業用繊維を製織・加工しています"},
		[]trio{{"technische Textilien", "technical textiles", "産業資材繊維"}, {"Vliesstoffe", "nonwovens", "不織布"}, {"Fasern", "fibres", "繊維"}}},
	{"C20", 5, trio{"Chemie", "Chemicals", "化学"},
		trio{"entwickeln und produzieren Spezialchemikalien", "develop and produce speciality chemicals", "特殊化学品を開発・製造しています"},
		[]trio{{"Spezialchemie", "speciality chemicals", "特殊化学品"}, {"Beschichtungen", "coatings", "コーティング"}, {"Additive", "additives", "添加剤"}, {"Klebstoffe", "adhesives", "接着剤"}}},
	{"C21", 2, trio{"Pharma", "Pharma", "製薬"},
		trio{"entwickeln und fertigen Arzneimittel", "develop and manufacture medicines", "医薬品を開発・製造しています"},
		[]trio{{"Arzneimittel", "pharmaceuticals", "医薬品"}, {"GMP", "GMP", "GMP"}, {"Wirkstoffe", "active ingredients", "原薬"}, {"klinische Studien", "clinical trials", "治験"}}},
	{"C22", 3, trio{"Kunststofftechnik", "Plastics", "樹脂工業"},
		trio{"spritzgießen Kunststoffteile", "injection-mould plastic parts", "プラスチック部品を射出成形しています"},
		[]trio{{"Kunststoff", "plastics", "プラスチック"}, {"Spritzguss", "injection moulding", "射出成形"}, {"Rezyklat", "recycled plastics", "再生樹脂"}}},
	{"C24", 2, trio{"Metallwerk", "Metals", "金属"},
		trio{"erzeugen und bearbeiten Stahl und Aluminium", "produce and process steel and aluminium", "鉄鋼・アルミニウムを製造・加工しています"},
		[]trio{{"Aluminium", "aluminium", "アルミニウム"}, {"Stahl", "steel", "鉄鋼"}, {"Leichtbau", "lightweight design", "軽量化"}}},
	{"C25", 6, trio{"Metalltechnik", "Metalworks", "金属工業"},
		trio{"fertigen Präzisionsteile aus Metall", "make precision metal parts", "精密金属部品を製造しています"},
		[]trio{{"Zerspanung", "machining", "切削加工"}, {"Blechbearbeitung", "sheet metal", "板金"}, {"Oberflächentechnik", "surface treatment", "表面処理"}, {"Präzisionsteile", "precision parts", "精密部品"}}},
	{"C26", 8, trio{"Elektronik", "Electronics", "電子"},
		trio{"entwickeln Sensoren, Elektronik und optische Komponenten", "develop sensors, electronics and optical components", "センサー・電子機器・光学部品を開発しています"},
		[]trio{{"Sensorik", "sensors", "センサー"}, {"Optik", "optics", "光学"}, {"Halbleiter", "semiconductors", "半導体"}, {"Messtechnik", "measurement", "計測"}, {"Laser", "lasers", "レーザー"}}},
	{"C27", 4, trio{"Elektrotechnik", "Electric", "電機"},
		trio{"bauen Motoren, Batterien und elektrische Ausrüstung", "build motors, batteries and electrical equipment", "モーター・電池・電気機器を製造しています"},
		[]trio{{"Batterie", "batteries", "電池"}, {"Elektromotoren", "electric motors", "モーター"}, {"Leistungselektronik", "power electronics", "パワーエレクトロニクス"}}},
	{"C28", 10, trio{"Maschinenbau", "Machinery", "精機"},
		trio{"konstruieren und bauen Maschinen und Anlagen", "design and build machinery and plants", "機械・設備を設計・製造しています"},
		[]trio{{"Maschinenbau", "machinery", "機械"}, {"Automatisierung", "automation", "自動化"}, {"Robotik", "robotics", "ロボット"}, {"Antriebstechnik", "drive technology", "駆動技術"}, {"Pumpen", "pumps", "ポンプ"}}},
	{"C29", 4, trio{"Fahrzeugtechnik", "Automotive", "オートパーツ"},
		trio{"liefern Komponenten für Fahrzeughersteller", "supply components to vehicle makers", "自動車メーカーに部品を供給しています"},
		[]trio{{"Automobilzulieferer", "automotive supplier", "自動車部品"}, {"Elektromobilität", "e-mobility", "電動化"}, {"Fahrzeugbau", "vehicle engineering", "車両開発"}}},
	{"C32", 4, trio{"Medizintechnik", "Medical", "メディカル"},
		trio{"entwickeln und fertigen Medizinprodukte", "develop and make medical devices", "医療機器を開発・製造しています"},
		[]trio{{"Medizintechnik", "medical devices", "医療機器"}, {"MDR", "MDR", "MDR"}, {"Diagnostik", "diagnostics", "診断"}, {"Implantate", "implants", "インプラント"}}},
	{"C33", 1, trio{"Industrieservice", "Industrial Service", "メンテナンス"},
		trio{"installieren und warten Maschinen", "install and maintain machinery", "機械の据付・保守を行っています"},
		[]trio{{"Instandhaltung", "maintenance", "保守"}, {"Montage", "installation", "据付"}, {"Retrofit", "retrofit", "改造"}}},
	{"D35", 4, trio{"Energie", "Energy", "エナジー"},
		trio{"planen und betreiben Anlagen für erneuerbare Energien", "plan and run renewable energy plants", "再生可能エネルギー設備を計画・運営しています"},
		[]trio{{"Wasserstoff", "hydrogen", "水素"}, {"Photovoltaik", "photovoltaics", "太陽光発電"}, {"Energiespeicher", "energy storage", "蓄電"}, {"Energiewende", "energy transition", "エネルギー転換"}}},
	{"E38", 2, trio{"Recycling", "Recycling", "リサイクル"},
		trio{"sammeln, sortieren und verwerten Abfälle", "collect, sort and recover waste", "廃棄物を収集・選別・再資源化しています"},
		[]trio{{"Recycling", "recycling", "リサイクル"}, {"Kreislaufwirtschaft", "circular economy", "循環経済"}, {"Sortierung", "sorting", "選別"}}},
	{"F43", 2, trio{"Gebäudetechnik", "Building Services", "設備工業"},
		trio{"installieren Gebäudetechnik und Ausbau", "install building services and fit-outs", "建築設備・内装工事を行っています"},
		[]trio{{"Gebäudetechnik", "building services", "建築設備"}, {"Wärmepumpen", "heat pumps", "ヒートポンプ"}, {"Holzbau", "timber construction", "木造建築"}}},
	{"G46", 6, trio{"Handel", "Trading", "商事"},
		trio{"importieren und vertreiben Industrie- und Konsumgüter", "import and distribute industrial and consumer goods", "産業財・消費財を輸入・販売しています"},
		[]trio{{"Großhandel", "wholesale", "卸売"}, {"Import", "import", "輸入"}, {"Distribution", "distribution", "販売代理"}, {"Beschaffung", "sourcing", "調達"}}},
	{"H49", 1, trio{"Transporte", "Transport", "運輸"},
		trio{"transportieren Güter auf Straße und Schiene", "move goods by road and rail", "道路・鉄道で貨物を輸送しています"},
		[]trio{{"Spedition", "haulage", "運送"}, {"Schienengüterverkehr", "rail freight", "鉄道貨物"}, {"Kühltransport", "cold chain", "低温輸送"}}},
	{"H52", 4, trio{"Logistik", "Logistics", "ロジスティクス"},
		trio{"bieten Lagerlogistik, Zoll und Spedition", "provide warehousing, customs and forwarding", "倉庫・通関・フォワーディングを提供しています"},
		[]trio{{"Kontraktlogistik", "contract logistics", "物流"}, {"Zoll", "customs", "通関"}, {"Lager", "warehousing", "倉庫"}, {"Luftfracht", "air freight", "航空貨物"}}},
	{"J58", 2, trio{"Games", "Games", "ゲームス"},
		trio{"entwickeln und veröffentlichen Spiele und Software", "develop and publish games and software", "ゲームやソフトウェアを開発・販売しています"},
		[]trio{{"Spiele", "games", "ゲーム"}, {"Lokalisierung", "localisation", "ローカライズ"}, {"Publishing", "publishing", "パブリッシング"}}},
	{"J61", 2, trio{"Netze", "Networks", "ネットワークス"},
		trio{"bauen und betreiben Kommunikationsnetze", "build and run communication networks", "通信ネットワークを構築・運用しています"},
		[]trio{{"5G", "5G", "5G"}, {"Glasfaser", "fibre optics", "光ファイバー"}, {"Funknetze", "wireless networks", "無線通信"}}},
	{"J62", 10, trio{"Software", "Software", "ソフト"},
		trio{"entwickeln Software und beraten zur Digitalisierung", "develop software and advise on digitalisation", "ソフトウェア開発とDX支援を行っています"},
		[]trio{{"Software", "software", "ソフトウェア"}, {"KI", "AI", "人工知能"}, {"Cloud", "cloud", "クラウド"}, {"IT-Sicherheit", "cyber security", "セキュリティ"}, {"SaaS", "SaaS", "SaaS"}}},
	{"J63", 3, trio{"Daten", "Data", "データ"},
		trio{"verarbeiten Daten und betreiben Plattformen", "process data and run platforms", "データ処理とプラットフォーム運営を行っています"},
		[]trio{{"Datenanalyse", "data analytics", "データ分析"}, {"Plattform", "platform", "プラットフォーム"}, {"IoT", "IoT", "IoT"}}},
	{"K64", 1, trio{"Kapital", "Capital", "キャピタル"},
		trio{"investieren in junge Technologieunternehmen", "invest in young technology companies", "技術系スタートアップに投資しています"},
		[]trio{{"Wagniskapital", "venture capital", "ベンチャー投資"}, {"Beteiligung", "equity", "出資"}, {"Start-ups", "start-ups", "スタートアップ"}}},
	{"K66", 1, trio{"Fintech", "Fintech", "フィンテック"},
		trio{"bieten digitale Finanz- und Versicherungsdienste", "offer digital finance and insurance services", "デジタル金融・保険サービスを提供しています"},
		[]trio{{"Zahlungsverkehr", "payments", "決済"}, {"Versicherung", "insurance", "保険"}, {"Fintech", "fintech", "フィンテック"}}},
	{"M69", 1, trio{"Kanzlei", "Legal", "法務会計"},
		trio{"beraten zu Recht, Steuern und Buchhaltung", "advise on law, tax and accounting", "法務・税務・会計の助言を行っています"},
		[]trio{{"Steuerberatung", "tax advice", "税務"}, {"Gesellschaftsrecht", "corporate law", "会社法"}, {"Buchhaltung", "accounting", "会計"}}},
	{"M70", 3, trio{"Consulting", "Consulting", "コンサルティング"},
		trio{"beraten Unternehmen bei Strategie und Internationalisierung", "advise companies on strategy and internationalisation", "経営戦略と海外展開を支援しています"},
		[]trio{{"Unternehmensberatung", "management consulting", "経営コンサルティング"}, {"Markteintritt", "market entry", "市場参入"}, {"Internationalisierung", "internationalisation", "海外展開"}}},
	{"M71", 5, trio{"Ingenieure", "Engineering", "エンジニアリング"},
		trio{"planen, prüfen und berechnen technische Anlagen", "design, test and analyse technical systems", "技術設備の設計・試験・解析を行っています"},
		[]trio{{"Ingenieurdienstleistungen", "engineering services", "エンジニアリング"}, {"Prüflabor", "testing laboratory", "試験所"}, {"Simulation", "simulation", "シミュレーション"}, {"Zertifizierung", "certification", "認証"}}},
	{"M72", 5, trio{"Forschung", "Research", "研究所"},
		trio{"forschen an neuen Materialien und Verfahren", "research new materials and processes", "新素材・新プロセスを研究しています"},
		[]trio{{"Forschung und Entwicklung", "research and development", "研究開発"}, {"Werkstoffe", "materials", "材料"}, {"Biotechnologie", "biotechnology", "バイオテクノロジー"}, {"Prototypen", "prototyping", "試作"}}},
	{"M73", 1, trio{"Marketing", "Marketing", "マーケティング"},
		trio{"entwickeln Marken, Kampagnen und Marktstudien", "create brands, campaigns and market studies", "ブランド・広告・市場調査を手がけています"},
		[]trio{{"Marketing", "marketing", "マーケティング"}, {"Marktforschung", "market research", "市場調査"}, {"Messen", "trade fairs", "見本市"}}},
	{"M74", 1, trio{"Design", "Design", "デザイン"},
		trio{"gestalten Produkte und übersetzen Fachtexte", "design products and translate technical documents", "製品デザインと技術翻訳を行っています"},
		[]trio{{"Industriedesign", "industrial design", "工業デザイン"}, {"Übersetzung", "translation", "翻訳"}, {"Dolmetschen", "interpreting", "通訳"}}},
	{"N79", 1, trio{"Reisen", "Travel", "トラベル"},
		trio{"organisieren Geschäftsreisen und Delegationen", "organise business trips and delegations", "出張や視察団を手配しています"},
		[]trio{{"Geschäftsreisen", "business travel", "出張手配"}, {"Messereisen", "trade fair trips", "見本市視察"}, {"Tourismus", "tourism", "観光"}}},
	{"P85", 1, trio{"Akademie", "Academy", "アカデミー"},
		trio{"schulen Fachkräfte in Präsenz und online", "train professionals on site and online", "対面とオンラインで人材育成を行っています"},
		[]trio{{"Weiterbildung", "training", "研修"}, {"E-Learning", "e-learning", "eラーニング"}, {"Sprachkurse", "language courses", "語学研修"}}},
	{"Q86", 4, trio{"Gesundheit", "Health", "ヘルスケア"},
		trio{"bieten medizinische Versorgung und digitale Gesundheitsdienste", "provide medical care and digital health services", "医療とデジタルヘルスサービスを提供しています"},
		[]trio{{"Telemedizin", "telemedicine", "遠隔医療"}, {"Klinik", "hospital", "病院"}, {"digitale Gesundheit", "digital health", "デジタルヘルス"}}},
	{"Q87", 1, trio{"Pflege", "Care", "ケア"},
		trio{"betreiben Pflegeeinrichtungen", "run care homes", "介護施設を運営しています"},
		[]trio{{"Pflege", "nursing care", "介護"}, {"Assistenzsysteme", "assistive technology", "介護ロボット"}, {"Senioren", "elderly care", "高齢者"}}},
	{"A01", 1, trio{"Agrar", "Agri", "アグリ"},
		trio{"bauen Gemüse und Obst an", "grow vegetables and fruit", "野菜や果物を栽培しています"},
		[]trio{{"Gewächshaus", "greenhouse", "温室"}, {"Vertical Farming", "vertical farming", "植物工場"}, {"Landwirtschaft", "agriculture", "農業"}}},
}

// common terms are mixed into every profile's keyword pool.
var common = []trio{
	{"Digitalisierung", "digitalisation", "デジタル化"},
	{"Nachhaltigkeit", "sustainability", "サステナビリティ"},
	{"Qualitätssicherung", "quality assurance", "品質管理"},
	{"Export", "export", "輸出"},
	{"Energieeffizienz", "energy efficiency", "省エネ"},
}

// coopPhrase holds per cooperation type what a company offers and what it
// seeks, with %s for the region (offers: own region, seeks: the other one),
// and the noun used in descriptions ("partners for …").
type coopPhrase struct {
	offer, seek, noun trio
}

var coopPhrases = map[string]coopPhrase{
	"distribution": {trio{"Vertrieb von Partnerprodukten in %s", "Distribution of partner products in %s", "%sでの販売代理"},
		trio{"Vertriebspartner in %s", "Distributor or sales agent in %s", "%sの販売代理店"},
		trio{"den Vertrieb", "distribution", "販売"}},
	"supply": {trio{"Fertigung und Lieferung für Partner", "Manufacturing and supply for partners", "パートナー向けの製造・供給"},
		trio{"Lieferanten oder Lohnfertiger in %s", "Suppliers or contract manufacturers in %s", "%sの供給元・委託先"},
		trio{"Lieferketten", "supply", "調達"}},
	"licensing": {trio{"Lizenzen für unsere Technologie", "Licences for our technology", "自社技術のライセンス"},
		trio{"Technologie zur Lizenznahme aus %s", "Technology to license in from %s", "%sからの技術導入"},
		trio{"Lizenzen", "licensing", "ライセンス"}},
	"technical_cooperation": {trio{"Gemeinsame Entwicklung und Anpassung", "Joint development and adaptation", "共同開発・現地適合"},
		trio{"Entwicklungspartner in %s", "Development partner in %s", "%sの共同開発パートナー"},
		trio{"gemeinsame Entwicklung", "joint development", "共同開発"}},
	"research_cooperation": {trio{"Forschungskooperation mit Hochschulen", "Research cooperation with universities", "大学との共同研究"},
		trio{"Forschungspartner in %s", "Research partner in %s", "%sの共同研究先"},
		trio{"Forschung", "research", "共同研究"}},
	"joint_venture": {trio{"Beteiligung an einem Gemeinschaftsunternehmen", "Stake in a joint venture", "合弁会社への参画"},
		trio{"Joint-Venture-Partner in %s", "Joint venture partner in %s", "%sの合弁パートナー"},
		trio{"ein Joint Venture", "a joint venture", "合弁事業"}},
	"investment": {trio{"Beteiligungskapital für Partner", "Equity for partner companies", "パートナー企業への出資"},
		trio{"Investoren aus %s", "Investors from %s", "%sの投資家"},
		trio{"Finanzierung", "investment", "資金調達"}},
	"services": {trio{"Dienstleistungen in %s", "Services in %s", "%sでのサービス提供"},
		trio{"Dienstleister in %s", "Service providers in %s", "%sのサービス事業者"},
		trio{"Dienstleistungen", "services", "サービス"}},
	"market_entry": {trio{"Unterstützung beim Markteintritt in %s", "Help with entering %s", "%s進出の支援"},
		trio{"Eigene Niederlassung in %s", "Own office or subsidiary in %s", "%sでの拠点開設"},
		trio{"den Markteintritt", "market entry", "市場参入"}},
}

// coopWeights biases offers and seeks towards what SMEs usually ask for.
var coopWeights = []struct {
	typ           string
	offers, seeks int
}{
	{"distribution", 6, 8},
	{"supply", 8, 5},
	{"licensing", 4, 3},
	{"technical_cooperation", 4, 5},
	{"research_cooperation", 2, 3},
	{"joint_venture", 1, 2},
	{"investment", 1, 3},
	{"services", 7, 4},
	{"market_entry", 2, 4},
}
