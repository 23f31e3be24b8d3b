// Command pulumi-gen-voucherify writes the Node.js, Go and Python SDKs of the native provider from its package
// schema, with the code generators of the pinned github.com/pulumi/pulumi/pkg/v3 (as pulumi-eks does in
// provider/cmd/pulumi-gen-eks). `pulumi package gen-sdk` cannot do it here: it asks the language hosts, and the
// Node.js host that can be built (v3.68.0) predates GeneratePackage.
//
//	pulumi-gen-voucherify <schema.json> <out-dir>   (writes <out-dir>/nodejs, <out-dir>/go, <out-dir>/python)
//
// scripts/gen-sdks builds and runs it.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

const tool = "pulumi-gen-voucherify"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintf(os.Stderr, "usage: %s <schema.json> <out-dir>\n", tool)
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", tool, err)
		os.Exit(1)
	}
}

// bind reads and validates the schema; each language gets a package of its own, since generators annotate it.
func bind(schemaPath string) (*schema.Package, schema.ReferenceLoader, error) {
	raw, err := os.ReadFile(schemaPath)
	if err != nil {
		return nil, nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", schemaPath, err)
	}
	// The schema refers to no other package, so the loader never starts a plugin.
	loader := schema.NewPluginLoader(nil)
	pkg, diags, err := schema.BindSpec(spec, loader, schema.ValidationOptions{})
	if err != nil {
		return nil, nil, err
	}
	if diags.HasErrors() {
		return nil, nil, diags
	}
	return pkg, loader, nil
}

func run(schemaPath, outDir string) error {
	generators := map[string]func(*schema.Package, schema.ReferenceLoader) (map[string][]byte, error){
		"nodejs": func(p *schema.Package, l schema.ReferenceLoader) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, p, nil, nil, false, l)
		},
		"go": func(p *schema.Package, _ schema.ReferenceLoader) (map[string][]byte, error) {
			return gogen.GeneratePackage(tool, p, nil)
		},
		"python": func(p *schema.Package, l schema.ReferenceLoader) (map[string][]byte, error) {
			return python.GeneratePackage(tool, p, nil, l)
		},
	}
	for _, language := range []string{"nodejs", "go", "python"} {
		pkg, loader, err := bind(schemaPath)
		if err != nil {
			return err
		}
		files, err := generators[language](pkg, loader)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", language, err)
		}
		dir := filepath.Join(outDir, language)
		if err := os.RemoveAll(dir); err != nil {
			return err
		}
		for name, content := range files {
			path := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, content, 0o644); err != nil {
				return err
			}
		}
		fmt.Printf("%s: %d files\n", dir, len(files))
	}
	return nil
}
