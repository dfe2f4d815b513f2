// pulumi-language-nodejs, as this repository builds it.
//
// The Go module proxy this project can reach serves Pulumi's CLI (pkg/v3) and SDK (sdk/v3), but not the module of
// Pulumi's own Node.js language host. This host stands in for it: the engine talks to it over the same
// LanguageRuntime protocol, and it starts the same programs the same way, `node @pulumi/pulumi/cmd/run` from the
// project's node_modules with the same flags and environment, so the program, its SDK and the dynamic provider
// host are all Pulumi's own code. Left out: debugger attach, bun, package-manager choice and code generation.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/shlex"
	"github.com/pulumi-alicloud-tasks/pulumi-cli/langhost"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set by the build to the version of the CLI it is built beside.
var version = "3.0.0"

// The SDK's run script exits with this code after it printed a message the user can act on.
const exitAfterActionableMessage = 32

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	engineAddress string
	mu            sync.Mutex
	children      map[*exec.Cmd]struct{}
}

func main() {
	flag.String("tracing", "", "ignored: tracing endpoint")
	runtime := flag.String("runtime", "nodejs", "only nodejs")
	// The plugin host of SDK v3.206, inside the YAML language host (pulumi-yaml v1.25.0), starts a language host
	// with -root=<dir> and each runtime option as a flag. The same values arrive in every request's ProgramInfo,
	// which is what this host reads: the flags are accepted and ignored.
	flag.String("root", "", "ignored: the program's root, from older engines")
	for _, option := range []string{"typescript", "tsconfig", "nodeargs", "packagemanager"} {
		flag.String(option, "", "ignored: a runtime option, from older engines")
	}
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	if *runtime != "nodejs" {
		fail(fmt.Errorf("unsupported runtime %q: this host runs nodejs only", *runtime))
	}
	h := &host{children: map[*exec.Cmd]struct{}{}}
	if args := flag.Args(); len(args) > 0 {
		h.engineAddress = args[0]
	}
	langhost.Serve("pulumi-language-nodejs", h, h.engineAddress)
}

func fail(err error) {
	langhost.Fail("pulumi-language-nodejs", err)
}

func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.engineAddress = req.EngineAddress
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// GetRequiredPackages lists the resource plugins the program's node_modules declare ("pulumi": {"resource": true}),
// as Pulumi's host does, so that the engine knows them before the program runs.
func (h *host) GetRequiredPackages(ctx context.Context, req *pulumirpc.GetRequiredPackagesRequest) (*pulumirpc.GetRequiredPackagesResponse, error) {
	packages := []*pulumirpc.PackageDependency{}
	seen := map[string]bool{}
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		modules := filepath.Join(dir, "node_modules")
		entries, err := os.ReadDir(modules)
		if err != nil || depth > 8 {
			return
		}
		for _, entry := range entries {
			names := []string{entry.Name()}
			if strings.HasPrefix(entry.Name(), "@") {
				scoped, _ := os.ReadDir(filepath.Join(modules, entry.Name()))
				names = names[:0]
				for _, s := range scoped {
					names = append(names, filepath.Join(entry.Name(), s.Name()))
				}
			}
			for _, name := range names {
				pkgDir := filepath.Join(modules, name)
				real, err := filepath.EvalSymlinks(pkgDir)
				if err != nil || seen[real] {
					continue
				}
				seen[real] = true
				if dep := pluginOf(pkgDir); dep != nil {
					packages = append(packages, dep)
				}
				walk(pkgDir, depth+1)
			}
		}
	}
	walk(req.Info.GetProgramDirectory(), 0)
	return &pulumirpc.GetRequiredPackagesResponse{Packages: packages}, nil
}

func pluginOf(pkgDir string) *pulumirpc.PackageDependency {
	var info struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		Pulumi  struct {
			Resource bool   `json:"resource"`
			Name     string `json:"name"`
			Version  string `json:"version"`
			Server   string `json:"server"`
		} `json:"pulumi"`
	}
	raw, err := os.ReadFile(filepath.Join(pkgDir, "package.json"))
	if err != nil || json.Unmarshal(raw, &info) != nil || !info.Pulumi.Resource {
		return nil
	}
	name := info.Pulumi.Name
	if name == "" {
		name = strings.TrimPrefix(info.Name, "@pulumi/")
	}
	v := info.Pulumi.Version
	if v == "" {
		v = info.Version
	}
	return &pulumirpc.PackageDependency{Name: name, Kind: "resource", Version: "v" + strings.TrimPrefix(v, "v"), Server: info.Pulumi.Server}
}

// Run starts the program as Pulumi's host does: node [nodeargs] <@pulumi/pulumi/cmd/run> --monitor ... <entry point>,
// with the configuration in PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS.
func (h *host) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	runPath, err := locate("@pulumi/pulumi/cmd/run", info.GetProgramDirectory(), "pulumi install")
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	args := append(opts.nodeArgs, runPath)
	add := func(flag, value string) {
		if value != "" {
			args = append(args, "--"+flag, value)
		}
	}
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", info.GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", info.GetProgramDirectory())
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	args = append(args, info.GetEntryPoint())
	args = append(args, req.GetArgs()...)

	configJSON, err := programConfig(req)
	if err != nil {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	secretKeys, _ := json.Marshal(append([]string{}, req.GetConfigSecretKeys()...))
	env := append(os.Environ(), "PULUMI_CONFIG="+configJSON, "PULUMI_CONFIG_SECRET_KEYS="+string(secretKeys))
	env = append(env, opts.env...)

	cmd := exec.CommandContext(ctx, "node", args...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	if err := h.runChild(cmd); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			if exit.ExitCode() == exitAfterActionableMessage {
				return &pulumirpc.RunResponse{Bail: true}, nil
			}
			return &pulumirpc.RunResponse{Error: fmt.Sprintf("Program exited with non-zero exit code: %d", exit.ExitCode())}, nil
		}
		return &pulumirpc.RunResponse{Error: fmt.Sprintf("Problem executing program (could not run language executor): %v", err)}, nil
	}
	return &pulumirpc.RunResponse{}, nil
}

// RunPlugin runs a Node.js source plugin (PulumiPlugin.yaml, runtime nodejs): node <@pulumi/pulumi/cmd/run-plugin> <dir> <args>.
func (h *host) RunPlugin(req *pulumirpc.RunPluginRequest, server pulumirpc.LanguageRuntime_RunPluginServer) error {
	closer, stdout, stderr, err := rpcutil.MakeRunPluginStreams(server, false)
	if err != nil {
		return err
	}
	defer closer.Close()
	info := req.GetInfo()
	opts, err := parseOptions(info)
	if err != nil {
		return err
	}
	runPath, err := locate("@pulumi/pulumi/cmd/run-plugin", info.GetProgramDirectory(), "npm install in "+info.GetProgramDirectory())
	if err != nil {
		return err
	}
	args := append([]string{runPath}, opts.nodeArgs...)
	args = append(args, info.GetProgramDirectory())
	args = append(args, req.GetArgs()...)
	cmd := exec.CommandContext(server.Context(), "node", args...)
	cmd.Dir = req.GetPwd()
	cmd.Env = append(append([]string{}, req.GetEnv()...), opts.env...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := h.runChild(cmd); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return fmt.Errorf("Program exited with non-zero exit code: %d", exit.ExitCode())
		}
		return fmt.Errorf("Problem executing plugin program (could not run language executor): %w", err)
	}
	return closer.Close()
}

// InstallDependencies runs `npm install` in the directory, streaming its output.
func (h *host) InstallDependencies(req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer) error {
	dir := req.GetDirectory()
	if dir == "" {
		dir = req.GetInfo().GetProgramDirectory()
	}
	cmd := exec.CommandContext(server.Context(), "npm", "install", "--no-audit", "--no-fund")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if sendErr := server.Send(&pulumirpc.InstallDependenciesResponse{Stdout: out}); sendErr != nil {
		return sendErr
	}
	if err != nil {
		return fmt.Errorf("npm install in %s failed: %w", dir, err)
	}
	return nil
}

func (h *host) About(context.Context, *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	out, _ := exec.Command("node", "--version").Output()
	return &pulumirpc.AboutResponse{Executable: "node", Version: strings.TrimSpace(string(out))}, nil
}

func (h *host) GetProgramDependencies(context.Context, *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	return &pulumirpc.GetProgramDependenciesResponse{}, nil
}

// Cancel interrupts the programs and plugins this host started, as a Ctrl-C would.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for cmd := range h.children {
		if cmd.Process != nil {
			_ = cmd.Process.Signal(syscall.SIGINT)
		}
	}
	return &emptypb.Empty{}, nil
}

func (h *host) runChild(cmd *exec.Cmd) error {
	if err := cmd.Start(); err != nil {
		return err
	}
	h.mu.Lock()
	h.children[cmd] = struct{}{}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.children, cmd)
		h.mu.Unlock()
	}()
	return cmd.Wait()
}

type nodeOptions struct {
	nodeArgs []string
	env      []string
}

// parseOptions reads Pulumi.yaml's runtime options: typescript (default true), tsconfig and nodeargs.
func parseOptions(info *pulumirpc.ProgramInfo) (nodeOptions, error) {
	opts := nodeOptions{}
	values := map[string]any{}
	if info.GetOptions() != nil {
		values = info.GetOptions().AsMap()
	}
	typescript := true
	if v, ok := values["typescript"]; ok {
		b, isBool := v.(bool)
		if !isBool {
			return opts, errors.New("typescript option must be a boolean")
		}
		typescript = b
	}
	if typescript {
		opts.env = append(opts.env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if v, ok := values["tsconfig"].(string); ok && v != "" {
		opts.env = append(opts.env, "PULUMI_NODEJS_TSCONFIG_PATH="+v)
	}
	if v, ok := values["nodeargs"].(string); ok && v != "" {
		args, err := shlex.Split(v)
		if err != nil {
			return opts, err
		}
		opts.nodeArgs = args
	}
	return opts, nil
}

// programConfig is the configuration as the SDK reads it: keys in the <namespace>:config:<name> form it still expects.
func programConfig(req *pulumirpc.RunRequest) (string, error) {
	out := map[string]string{}
	for k, v := range req.GetConfig() {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	raw, err := json.Marshal(out)
	return string(raw), err
}

// locate resolves a module from the program's folder with node's own resolution.
func locate(module, dir, install string) (string, error) {
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)) } catch (e) { console.error(e.code === "MODULE_NOT_FOUND" ? "It looks like the Pulumi SDK has not been installed. Have you run %s?" : e.message); process.exit(1) }`, module, install)
	cmd := exec.Command("node", "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return "", errors.New(strings.TrimSpace(string(exit.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}
