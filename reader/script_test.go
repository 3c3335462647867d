package reader

import (
	"strings"
	"testing"
)

func TestDetectLangScripts(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"Arabic", "مرحبا بالعالم، هذا نص عربي للاختبار ويحتوي على كلمات كثيرة.", "ar"},
		{"Persian", "این یک متن فارسی است که برای آزمایش نوشته شده و چند کلمه دارد.", "fa"},
		{"Hebrew", "שלום עולם, זה טקסט בעברית שנכתב כדי לבדוק את הזיהוי.", "he"},
		{"Chinese", "这是一个中文段落，用来测试没有空格的文本是否能够正确识别语言。", "zh"},
		{"Japanese", "日本語の文章です。ひらがなとカタカナと漢字が混ざっています。", "ja"},
		{"Korean", "한국어 문장도 있습니다. 대한민국의 수도는 서울입니다. 감사합니다.", "ko"},
		{"Russian", "Это русский текст, написанный для проверки определения языка.", "ru"},
		{"Greek", "Αυτό είναι ένα ελληνικό κείμενο για τον έλεγχο της γλώσσας.", "el"},
		{"English with a few Arabic words", strings.Repeat("The word سلام means peace in the language. ", 5), "en"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := DetectLang(tc.text); got != tc.want {
				t.Errorf("DetectLang = %q, want %q", got, tc.want)
			}
		})
	}
}
