package explain

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

func TestDownscaleBoxFilter(t *testing.T) {
	// 1030x4: columns alternate black and white, so a 2:1 box average is grey.
	src := image.NewNRGBA(image.Rect(0, 0, 1024, 4))
	for y := 0; y < 4; y++ {
		for x := 0; x < 1024; x++ {
			v := uint8(0)
			if x%2 == 1 {
				v = 254
			}
			src.SetNRGBA(x, y, color.NRGBA{v, v, v, 255})
		}
	}
	out := Downscale(src, 512)
	if b := out.Bounds(); b.Dx() != 512 || b.Dy() != 2 {
		t.Fatalf("size %v, want 512x2", b)
	}
	if c := color.NRGBAModel.Convert(out.At(100, 1)).(color.NRGBA); c.R != 127 || c.A != 255 {
		t.Errorf("box average %v, want grey 127", c)
	}
	small := image.NewNRGBA(image.Rect(0, 0, 20, 700))
	if b := Downscale(small, 512).Bounds(); b.Dx() != 14 || b.Dy() != 512 {
		t.Errorf("tall image scaled to %v, want 14x512", b)
	}
	if Downscale(src.SubImage(image.Rect(0, 0, 100, 4)), 512).Bounds().Dx() != 100 {
		t.Error("small images must be left alone")
	}
}

func TestDecodePNGRejectsGarbage(t *testing.T) {
	if _, err := DecodePNG([]byte("\x89PNG\r\n\x1a\n garbage")); err == nil || !strings.Contains(err.Error(), "not a valid PNG") {
		t.Fatalf("got %v", err)
	}
}

func TestLineColOffset(t *testing.T) {
	src := []byte("ab\ncde\n\nf")
	for _, tc := range []struct{ off, line, col int }{{0, 1, 1}, {2, 1, 3}, {3, 2, 1}, {5, 2, 3}, {7, 3, 1}, {8, 4, 1}, {9, 4, 2}} {
		l, c := LineCol(src, tc.off)
		if l != tc.line || c != tc.col {
			t.Errorf("LineCol(%d) = %d:%d, want %d:%d", tc.off, l, c, tc.line, tc.col)
		}
		off, err := Offset(src, tc.line, tc.col)
		if err != nil || off != tc.off {
			t.Errorf("Offset(%d:%d) = %d, %v; want %d", tc.line, tc.col, off, err, tc.off)
		}
	}
	if off, _ := Offset(src, 1, 99); off != 2 {
		t.Errorf("column past the line end should clamp to it, got %d", off)
	}
	if _, err := Offset(src, 9, 1); err == nil || !strings.Contains(err.Error(), "only 4 lines") {
		t.Errorf("missing line: %v", err)
	}
	if _, err := Offset(src, 0, 1); err == nil {
		t.Error("line 0 should be an error")
	}
}

func TestCodeContextNumbersAndMarks(t *testing.T) {
	src := []byte("l1\nl2\nl3\nl4\nl5\nl6\nl7\nl8\nl9\nl10\nl11\n")
	got := codeContext(src, 9, 14, 2) // l4 .. l5
	want := "  2 | l2\n  3 | l3\n> 4 | l4\n> 5 | l5\n  6 | l6\n  7 | l7\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got = codeContext(src, 27, 27, 2) // an empty span on l10: widths follow the last number
	want = "   8 | l8\n   9 | l9\n> 10 | l10\n  11 | l11\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
