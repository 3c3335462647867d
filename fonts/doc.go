// Package fonts holds pamphlet's embedded TrueType faces with their
// licences, their metrics (advances, glyph coverage), the shaping of text
// into glyphs (Face.Shape: ligatures, kerning, small capitals, joining
// scripts and marks, through go-text's HarfBuzz port), subsets by glyph,
// the glyph outlines a generated cover is drawn from, and the lookup from a style to
// a face, with fallback for missing characters. LoadFamily reads a text
// family from the user's TrueType files to stand in for the embedded one. It is the one font stack:
// layout measures with it, and export embeds and draws its faces.
package fonts
