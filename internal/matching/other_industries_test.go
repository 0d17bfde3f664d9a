package matching

import (
	"testing"

	"kakehashi/internal/company"
)

// TestOtherIndustries is a small labelled set from industries the dev set
// does not cover, with decoys that share a surface word but not the business.
// Japanese-only profiles meet German-only ones through the dictionary.
func TestOtherIndustries(t *testing.T) {
	T, N := company.RegionTokyo, company.RegionNRW
	ja, de := []string{"ja"}, []string{"de"}
	fs := []firm{
		// Solar: Tokyo panel maker seeks an installer/distributor in Germany.
		{id: 1, region: T, sectors: []string{"C27"}, langs: ja, keywords: []string{"太陽光パネル", "ペロブスカイト太陽電池"},
			desc:   map[string]string{"ja": "軽量な太陽電池モジュールを製造。欧州で販売代理店を探している。"},
			offers: []company.Cooperation{coop(company.CoopSupply, "太陽光モジュールの供給")},
			seeks:  []company.Cooperation{coop(company.CoopDistribution, "ドイツの太陽光発電設備の販売代理店")}},
		{id: 101, region: N, sectors: []string{"F43"}, langs: de, keywords: []string{"Photovoltaik", "Solaranlagen", "Installation"},
			desc:   map[string]string{"de": "Wir planen und installieren Photovoltaikanlagen auf Gewerbedächern."},
			offers: []company.Cooperation{coop(company.CoopDistribution, "Vertrieb und Montage von Solarmodulen")},
			seeks:  []company.Cooperation{coop(company.CoopSupply, "Hersteller leichter Solarmodule")}},
		{id: 102, region: N, sectors: []string{"N79"}, langs: de, keywords: []string{"Sonnenreisen", "Urlaub"}, // decoy: "Sonne"
			desc:   map[string]string{"de": "Reisebüro für Sonnenurlaub."},
			offers: []company.Cooperation{coop(company.CoopDistribution, "Vertrieb von Reisen")}},

		// Wine importer in Tokyo, winery in NRW.
		{id: 2, region: T, sectors: []string{"G46"}, langs: ja, keywords: []string{"ワイン輸入", "ドイツワイン"},
			desc:   map[string]string{"ja": "欧州ワインの輸入商社。レストラン向けに卸売している。"},
			offers: []company.Cooperation{coop(company.CoopDistribution, "日本国内でのワイン販売")}},
		{id: 103, region: N, sectors: []string{"C11"}, langs: de, keywords: []string{"Weingut", "Riesling", "Export"},
			desc:  map[string]string{"de": "Familienweingut, wir suchen einen Importeur in Japan."},
			seeks: []company.Cooperation{coop(company.CoopDistribution, "Importeur für unsere Weine in Japan")}},

		// Pharma: Tokyo drug-discovery startup seeks research partner.
		{id: 3, region: T, sectors: []string{"C21"}, langs: ja, keywords: []string{"創薬", "抗体医薬"},
			desc:  map[string]string{"ja": "抗体医薬の創薬ベンチャー。欧州の研究機関と共同研究を希望。"},
			seeks: []company.Cooperation{coop(company.CoopResearch, "医薬品の共同研究")}},
		{id: 104, region: N, sectors: []string{"M72"}, langs: de, keywords: []string{"Wirkstoffforschung", "Biotechnologie", "klinische Studien"},
			desc:  map[string]string{"de": "Forschungsinstitut für Arzneimittel und Biotechnologie."},
			seeks: []company.Cooperation{coop(company.CoopResearch, "Forschungspartner für neue Wirkstoffe")}},
		{id: 105, region: N, sectors: []string{"M72"}, langs: de, keywords: []string{"Materialforschung", "Werkstoffe"}, // decoy: research, other field
			seeks: []company.Cooperation{coop(company.CoopResearch, "Forschung zu Werkstoffen")}},

		// Water treatment.
		{id: 4, region: T, sectors: []string{"E37"}, langs: ja, keywords: []string{"排水処理", "膜ろ過"},
			desc:   map[string]string{"ja": "工場排水処理装置メーカー。ライセンス供与先を探している。"},
			offers: []company.Cooperation{coop(company.CoopLicensing, "膜ろ過技術のライセンス")}},
		{id: 106, region: N, sectors: []string{"E37"}, langs: de, keywords: []string{"Abwasserbehandlung", "Kläranlagen", "Membrantechnik"},
			desc:  map[string]string{"de": "Anlagenbauer für industrielle Abwasserbehandlung."},
			seeks: []company.Cooperation{coop(company.CoopLicensing, "Lizenz für Membranfiltration")}},

		// Games studio seeks investor; NRW investor.
		{id: 5, region: T, sectors: []string{"J58"}, langs: ja, keywords: []string{"ゲーム開発", "スマホゲーム"},
			desc:  map[string]string{"ja": "スマートフォン向けゲームを開発するスタジオ。"},
			seeks: []company.Cooperation{coop(company.CoopInvestment, "欧州展開のための出資")}},
		{id: 107, region: N, sectors: []string{"K64"}, langs: de, keywords: []string{"Risikokapital", "Gaming", "Videospiele"},
			desc:   map[string]string{"de": "Wagniskapitalgeber mit Fokus auf Spieleentwicklung."},
			offers: []company.Cooperation{coop(company.CoopInvestment, "Beteiligungen an Spielestudios")}},
		{id: 108, region: N, sectors: []string{"K64"}, langs: de, keywords: []string{"Immobilien", "Investment"}, // decoy: investor, other field
			offers: []company.Cooperation{coop(company.CoopInvestment, "Immobilieninvestments")}},

		// Aerospace parts supplier.
		{id: 6, region: T, sectors: []string{"C30"}, langs: ja, keywords: []string{"航空機部品", "チタン合金", "精密加工"},
			desc:   map[string]string{"ja": "航空機向けチタン部品の精密加工メーカー。"},
			offers: []company.Cooperation{coop(company.CoopSupply, "航空機部品の供給")},
			seeks:  []company.Cooperation{coop(company.CoopDistribution, "欧州の販売代理店")}},
		{id: 109, region: N, sectors: []string{"C30"}, langs: de, keywords: []string{"Luftfahrt", "Flugzeugteile", "Titan"},
			desc:   map[string]string{"de": "Zulieferer der Luftfahrtindustrie, wir vertreiben Präzisionsteile."},
			offers: []company.Cooperation{coop(company.CoopDistribution, "Vertrieb an Flugzeughersteller")},
			seeks:  []company.Cooperation{coop(company.CoopSupply, "Titanteile aus Japan")}},

		// Furniture e-commerce.
		{id: 7, region: T, sectors: []string{"C31"}, langs: ja, keywords: []string{"家具", "木製家具", "オーダーメイド"},
			desc:  map[string]string{"ja": "木製家具メーカー。ドイツでネット通販を展開したい。"},
			seeks: []company.Cooperation{coop(company.CoopServices, "ECサイト運営とフルフィルメント")}},
		{id: 110, region: N, sectors: []string{"G47"}, langs: de, keywords: []string{"Onlineshop", "Möbel", "Fulfillment"},
			desc:   map[string]string{"de": "Wir betreiben Onlineshops für Möbelhersteller inklusive Lager und Versand."},
			offers: []company.Cooperation{coop(company.CoopServices, "E-Commerce und Fulfillment für Möbel")}},
		{id: 111, region: N, sectors: []string{"J62"}, langs: de, keywords: []string{"Webdesign", "Agentur"}, // decoy: web, no furniture
			offers: []company.Cooperation{coop(company.CoopServices, "Websites")}},
	}
	want := map[int64]int64{1: 101, 2: 103, 3: 104, 4: 106, 5: 107, 6: 109, 7: 110}
	ix := index(fs...)
	for a, b := range want {
		got := ix.Partners(a, 3, nil)
		if len(got) == 0 || got[0].ID != b {
			t.Errorf("Partners(%d) = %v, want %d first", a, ids(got), b)
		}
		if back := ix.Partners(b, 3, nil); len(back) == 0 || back[0].ID != a {
			t.Errorf("Partners(%d) = %v, want %d first", b, ids(back), a)
		}
	}
}
