module pamphlet

go 1.26.0

require (
	github.com/jung-kurt/gofpdf v1.16.2
	github.com/spf13/pflag v1.1.0
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
)
