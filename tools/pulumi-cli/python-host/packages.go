// GetRequiredPackages: the resource plugins a program needs, found as Pulumi's Python host finds them. Every package
// installed in the program's environment (pip list, transitive) that ships a pulumi-plugin.json in its import package,
// or whose name starts with "pulumi-", is a Pulumi package; its plugin is named and versioned by that file, else by
// the package's name (without "pulumi-") and version (PEP 440, translated to semver). `"resource": false` means none.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

// Packages known to have no plugin (and no pulumi-plugin.json saying so), skipped as Pulumi's host skips them.
var withoutPlugin = map[string]bool{"pulumi-policy": true, "pulumi-esc-sdk": true}

// findPluginFiles prints, for each distribution name given, the path of the pulumi-plugin.json in the import package
// of the same name (dashes as underscores), or "" when there is none.
const findPluginFiles = `import importlib.metadata as md, importlib.util as iu, json, os, sys
found = {}
for dist in sys.argv[1:]:
    found[dist] = ""
    try:
        spec = iu.find_spec(md.distribution(dist).metadata["Name"].replace("-", "_"))
        roots = list(spec.submodule_search_locations or []) if spec else []
        files = [os.path.join(str(r), "pulumi-plugin.json") for r in roots]
        found[dist] = next((f for f in files if os.path.isfile(f)), "")
    except Exception:
        pass
json.dump(found, sys.stdout)
`

func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	// A program whose virtualenv does not exist yet gets it now, its output shown as the engine's messages.
	stdout, stderr, closeLog, err := h.engineWriters(ctx)
	if err != nil {
		return nil, err
	}
	defer closeLog()
	if err := tc.EnsureVenv(ctx, req.GetInfo().GetProgramDirectory(), false, true, stdout, stderr); err != nil {
		return nil, err
	}

	installed, err := tc.ListPackages(ctx, true)
	if err != nil {
		return nil, err
	}
	files := pluginFiles(ctx, tc, installed)
	packages := []*pulumirpc.PackageDependency{}
	for _, pkg := range installed {
		if withoutPlugin[pkg.Name] {
			continue
		}
		var manifest *plugin.PulumiPluginJSON
		if path := files[pkg.Name]; path != "" {
			raw, err := os.ReadFile(path)
			if err == nil {
				manifest = &plugin.PulumiPluginJSON{}
				if err := json.Unmarshal(raw, manifest); err != nil {
					return nil, fmt.Errorf("failed to parse pulumi-plugin.json for %s: %w", pkg.Name, err)
				}
			}
		}
		if manifest == nil && !strings.HasPrefix(pkg.Name, "pulumi-") {
			continue
		}
		if dep := dependency(pkg, manifest); dep != nil {
			packages = append(packages, dep)
		}
	}
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

// pluginFiles runs findPluginFiles in the program's Python once for all packages. Like Pulumi's host, a failure
// here means no files found, not an error.
func pluginFiles(ctx context.Context, tc toolchain.Toolchain, pkgs []plugin.DependencyInfo) map[string]string {
	found := map[string]string{}
	if len(pkgs) == 0 {
		return found
	}
	args := []string{"-c", findPluginFiles}
	for _, pkg := range pkgs {
		args = append(args, pkg.Name)
	}
	cmd, err := tc.Command(ctx, args...)
	if err != nil {
		return found
	}
	out, err := cmd.Output()
	if err != nil || json.Unmarshal(out, &found) != nil {
		return map[string]string{}
	}
	return found
}

// dependency is the plugin a Pulumi package needs, or nil when it needs none or its version cannot be told.
func dependency(pkg plugin.DependencyInfo, manifest *plugin.PulumiPluginJSON) *pulumirpc.PackageDependency {
	dep := &pulumirpc.PackageDependency{Kind: "resource"}
	if manifest != nil {
		if !manifest.Resource {
			return nil
		}
		dep.Name, dep.Version, dep.Server = manifest.Name, manifest.Version, manifest.Server
		dep.Parameterization = parameterization(manifest.Parameterization)
		dep.Extension = parameterization(manifest.ExtensionParameterization)
	}
	if dep.Name == "" {
		dep.Name = strings.TrimPrefix(pkg.Name, "pulumi-")
	}
	if dep.Version == "" {
		v, ok := semverOf(pkg.Version)
		if !ok {
			return nil
		}
		dep.Version = v
	}
	if !strings.HasPrefix(dep.Version, "v") {
		dep.Version = "v" + dep.Version
	}
	return dep
}

func parameterization(p *plugin.PulumiParameterizationJSON) *pulumirpc.PackageParameterization {
	if p == nil {
		return nil
	}
	return &pulumirpc.PackageParameterization{Name: p.Name, Version: p.Version, Value: p.Value}
}

// A PEP 440 version without epoch or local part: release segments, then optionally a, b or rc, .post and .dev.
var pep440 = regexp.MustCompile(`^(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+))?(?:\.post(\d+))?(?:\.dev(\d+))?$`)

// semverOf translates a PEP 440 package version into the plugin version Pulumi's host derives from it:
// 1.2 -> 1.2.0, 1.2.3a4 -> 1.2.3-alpha.4, 1.2.3b4 -> 1.2.3-beta.4, 1.2.3rc4 -> 1.2.3-rc.4,
// 1.2.3.post4 -> 1.2.3+post4, 1.2.3.dev5 -> 1.2.3+dev5, 1.2.3.post4.dev5 -> 1.2.3+post4dev5.
func semverOf(pep string) (string, bool) {
	m := pep440.FindStringSubmatch(pep)
	if m == nil {
		return "", false
	}
	release := strings.Split(m[1], ".")
	for len(release) < 3 {
		release = append(release, "0")
	}
	v := strings.Join(release, ".")
	if m[2] != "" {
		v += "-" + map[string]string{"a": "alpha", "b": "beta", "rc": "rc"}[m[2]] + "." + m[3]
	}
	build := ""
	if m[4] != "" {
		build += "post" + m[4]
	}
	if m[5] != "" {
		build += "dev" + m[5]
	}
	if build != "" {
		v += "+" + build
	}
	return v, true
}
