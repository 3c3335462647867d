package anthology_test

import (
	"fmt"

	"pamphlet/anthology"
)

func ExampleParseManifest() {
	manifest := `
title = "Collected Essays"
editors = ["Ann Lee"]
order = "date"

[[article]]
path = "essays/first.md"
title = "A Better Title"

[[article]]
path = "second.txt"
date = 2019-05-01
`
	plan, err := anthology.ParseManifest([]byte(manifest), "essays.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(plan.Title, plan.Editors, plan.Order)
	for _, a := range plan.Articles {
		line := fmt.Sprintf("%s %q", a.Path, a.Title)
		if !a.Date.IsZero() {
			line += " " + a.Date.String()
		}
		fmt.Println(line)
	}
	_, err = anthology.ParseManifest([]byte("[[article]]\npath = \"../elsewhere.md\"\n"), "essays.toml")
	fmt.Println(err)
	// Output:
	// Collected Essays [Ann Lee] date
	// essays/first.md "A Better Title"
	// second.txt "" 2019-05-01
	// manifest essays.toml: article 1: path "../elsewhere.md" leaves the manifest's folder; give a path relative to the manifest, inside its folder
}
