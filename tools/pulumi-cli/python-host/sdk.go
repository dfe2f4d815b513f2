// What `pulumi install` and `pulumi package add` ask of a Python host:
//   - InstallDependencies: the toolchain's install (pip: create the virtualenv named in Pulumi.yaml, upgrade pip,
//     setuptools and wheel in it, then `pip install -r requirements.txt`; poetry and uv: their own install).
//   - GeneratePackage: the Python SDK of a package schema, from pkg/v3's codegen/python, written to the directory.
//   - Link: the generated SDK made a dependency of the program. With pip, its path (relative to the project) replaces
//     any requirements.txt line of the same package; the CLI then calls InstallDependencies, which installs it.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blang/semver"
	codegen "github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
)

func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	if req.GetIsPlugin() {
		return errors.New("Python source plugins are not supported by this repository's Python language host")
	}
	tc, err := resolve(req.GetInfo())
	if err != nil {
		return err
	}
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	fmt.Fprint(stdout, "Installing dependencies...\n\n")
	dir := req.GetInfo().GetProgramDirectory()
	if err := tc.InstallDependencies(server.Context(), dir, req.GetUseLanguageVersionTools(), true, stdout, stderr); err != nil {
		return err
	}
	fmt.Fprint(stdout, "Finished installing dependencies\n\n")
	return closer.Close()
}

func (h *host) GeneratePackage(ctx context.Context, req *pulumirpc.GeneratePackageRequest) (*pulumirpc.GeneratePackageResponse, error) {
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	var spec schema.PackageSpec
	if err := json.Unmarshal([]byte(req.GetSchema()), &spec); err != nil {
		return nil, err
	}
	cached := schema.NewCachedLoader(loader)
	pkg, diags, err := schema.BindSpec(spec, cached, schema.ValidationOptions{AllowDanglingReferences: true})
	if err != nil {
		return nil, err
	}
	response := &pulumirpc.GeneratePackageResponse{Diagnostics: plugin.HclDiagnosticsToRPCDiagnostics(diags)}
	if diags.HasErrors() {
		return response, nil
	}
	files, err := codegen.GeneratePackage("pulumi-language-python", pkg, req.GetExtraFiles(), cached)
	if err != nil {
		return nil, err
	}
	for name, data := range files {
		path := filepath.Join(req.GetDirectory(), name)
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("could not create output directory %s: %w", filepath.Dir(name), err)
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return nil, fmt.Errorf("could not write output file %s: %w", name, err)
		}
	}
	return response, nil
}

func (h *host) Link(ctx context.Context, req *pulumirpc.LinkRequest) (*pulumirpc.LinkResponse, error) {
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	loader, err := schema.NewLoaderClient(req.GetLoaderTarget())
	if err != nil {
		return nil, err
	}
	defer loader.Close()
	cached := schema.NewCachedLoader(loader)

	paths := map[string]string{} // Python package name -> the SDK's folder, relative to the project
	var imports strings.Builder
	for _, dep := range req.GetPackages() {
		if dep.GetPackage().GetName() == "pulumi" {
			paths["pulumi"] = dep.GetPath()
			continue
		}
		pkgName, importName, err := pythonNames(ctx, cached, dep.GetPackage())
		if err != nil {
			return nil, err
		}
		paths[pkgName] = dep.GetPath()
		fmt.Fprintf(&imports, "  import %s as %s\n", pkgName, importName)
	}

	// A project without pyproject.toml has not been converted to poetry or uv yet: its requirements.txt is linked.
	if opts.Toolchain != toolchain.Pip {
		if _, err := os.Stat(filepath.Join(req.GetInfo().GetProgramDirectory(), "pyproject.toml")); os.IsNotExist(err) {
			if _, err := os.Stat(filepath.Join(req.GetInfo().GetProgramDirectory(), "requirements.txt")); os.IsNotExist(err) {
				return nil, fmt.Errorf("no pyproject.toml or requirements.txt found in %s", req.GetInfo().GetProgramDirectory())
			}
			opts.Toolchain = toolchain.Pip
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	if err := tc.LinkPackages(ctx, paths); err != nil {
		return nil, fmt.Errorf("linking packages: %w", err)
	}
	return &pulumirpc.LinkResponse{ImportInstructions: "Use the generated Python SDK in your program with:\n\n" + imports.String()}, nil
}

// pythonNames are the name of a package's generated Python package and the name to import it as: the schema's
// python.packageName when it sets one, else pulumi_<name> (with the namespace) imported as <name>.
func pythonNames(ctx context.Context, loader schema.ReferenceLoader, dep *pulumirpc.PackageDependency) (string, string, error) {
	desc := &schema.PackageDescriptor{Name: dep.GetName(), DownloadURL: dep.GetServer()}
	if v, err := semver.ParseTolerant(dep.GetVersion()); err == nil && dep.GetVersion() != "" {
		desc.Version = &v
	}
	if p := dep.GetParameterization(); p != nil {
		desc.Parameterization = &schema.ParameterizationDescriptor{Name: p.GetName(), Value: p.GetValue()}
		if v, err := semver.ParseTolerant(p.GetVersion()); err == nil {
			desc.Parameterization.Version = v
		}
	}
	ref, err := schema.LoadPackageReferenceV2(ctx, loader, desc)
	if err != nil {
		return "", "", err
	}
	def, err := ref.Definition()
	if err != nil {
		return "", "", err
	}
	if err := def.ImportLanguages(map[string]schema.Language{"python": codegen.Importer}); err != nil {
		return "", "", err
	}
	if info, ok := def.Language["python"].(codegen.PackageInfo); ok && info.PackageName != "" {
		return info.PackageName, info.PackageName, nil
	}
	return codegen.PyPack(ref.Namespace(), ref.Name()), strings.ReplaceAll(ref.Name(), "-", "_"), nil
}
