// Package fonts holds pamphlet's embedded TrueType faces with their
// licences, their metrics (advances, kerning, glyph coverage) and the
// lookup from a style to a face, with fallback for missing characters.
package fonts
