package matching

import (
	"testing"
)

func TestZZStats2(t *testing.T) {
	cs := syntheticCompanies(3)
	for _, c := range cs {
		t.Logf("%+v", c)
	}
	cs = syntheticCompanies(100000)
	long, short, kw, co := 0, 0, 0, 0
	for _, c := range cs {
		for _, d := range c.Description {
			if len(d) > maxCachedText {
				long++
			} else {
				short++
			}
		}
		kw += len(c.Keywords)
		co += len(c.Offers) + len(c.Seeks)
	}
	t.Logf("desc long %d short %d, keywords %d coops %d", long, short, kw, co)
}
