// pulumi-language-python, as this repository builds it.
//
// The Go module proxy this project can reach serves Pulumi's CLI (pkg/v3) and SDK (sdk/v3), but not the module of
// Pulumi's Python language host (it answers 403). This host stands in for it. Ours: this gRPC server and its glue.
// Pulumi's own, used as libraries of the pinned sdk/v3 and pkg/v3: the Python toolchain package (virtualenvs, pip,
// poetry and uv, listing packages, linking an SDK into requirements.txt) and the Python SDK generator; and at run time
// Pulumi's own `pulumi-language-python-exec` script, which build.mjs copies beside this binary from the SDK module.
//
// It starts programs the way Pulumi's host does (same script, flags and environment), and serves what `pulumi up`,
// `pulumi install` and `pulumi package add` need: Handshake, GetPluginInfo, GetRequiredPackages, Run,
// InstallDependencies, GeneratePackage, Link, About, GetProgramDependencies and Cancel.
//
// Left out: the typechecker option (mypy, pyright: refused with an error), debugger attach, Python source plugins
// (RunPlugin), Pack, Template, RuntimeOptionsPrompts, program and project generation (`pulumi convert`), the Python
// version warning, and tracing.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/pulumi-alicloud-tasks/pulumi-cli/langhost"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/pulumi/pulumi/sdk/v3/python/toolchain"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
)

// version is set by the build to the version of the CLI it is built beside.
var version = "3.0.0"

const name = "pulumi-language-python"

// execScript is Pulumi's program launcher, expected beside this binary.
const execScript = "pulumi-language-python-exec"

type host struct {
	pulumirpc.UnimplementedLanguageRuntimeServer
	exec string

	mu            sync.Mutex
	engineAddress string
	// cancelled by the Cancel RPC: the programs this host started are interrupted
	cancelCtx context.Context
	cancel    context.CancelFunc
}

func main() {
	flag.String("tracing", "", "ignored: tracing endpoint")
	showVersion := flag.Bool("version", false, "print the version and exit")
	executor := flag.String("use-executor", "", "the program launcher to use instead of the one beside this binary")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	exec := *executor
	if exec == "" {
		self, err := os.Executable()
		if err != nil {
			fail(err)
		}
		exec = filepath.Join(filepath.Dir(self), execScript)
		if _, err := os.Stat(exec); err != nil {
			fail(fmt.Errorf("missing executor %s: %w", exec, err))
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	h := &host{exec: exec, cancelCtx: ctx, cancel: cancel}
	if args := flag.Args(); len(args) > 0 {
		h.engineAddress = args[0]
	}
	langhost.Serve(name, h, h.engineAddress)
}

func fail(err error) {
	langhost.Fail(name, err)
}

func (h *host) Handshake(ctx context.Context, req *pulumirpc.LanguageHandshakeRequest) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	h.engineAddress = req.GetEngineAddress()
	h.mu.Unlock()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *host) engine() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.engineAddress
}

func (h *host) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version}, nil
}

// Cancel interrupts the programs this host runs, as Pulumi's host does.
func (h *host) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}

func (h *host) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	opts := toolchain.PythonOptions{Toolchain: toolchain.Pip}
	if req.GetInfo() != nil {
		var err error
		if opts, err = parseOptions(req.GetInfo()); err != nil {
			return nil, err
		}
	}
	tc, err := toolchain.ResolveToolchain(opts)
	if err != nil {
		return nil, err
	}
	info, err := tc.About(ctx)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AboutResponse{
		Executable: info.PythonExecutable,
		Version:    info.PythonVersion.String(),
		Metadata: map[string]string{
			"toolchain":        toolchain.Name(opts.Toolchain),
			"toolchainVersion": info.ToolchainVersion.String(),
			"typechecker":      toolchain.TypeCheckerName(opts.Typechecker),
		},
	}, nil
}

// GetProgramDependencies lists the packages installed in the program's environment (pip list).
func (h *host) GetProgramDependencies(ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest) (*pulumirpc.GetProgramDependenciesResponse, error) {
	tc, err := resolve(req.GetInfo())
	if err != nil {
		return nil, err
	}
	installed, err := tc.ListPackages(ctx, req.GetTransitiveDependencies())
	if err != nil {
		return nil, fmt.Errorf("failed to get python dependencies: %w", err)
	}
	deps := make([]*pulumirpc.DependencyInfo, 0, len(installed))
	for _, d := range installed {
		deps = append(deps, &pulumirpc.DependencyInfo{Name: d.Name, Version: d.Version})
	}
	return &pulumirpc.GetProgramDependenciesResponse{Dependencies: deps}, nil
}

// parseOptions reads Pulumi.yaml's runtime options: virtualenv, toolchain (pip, poetry, uv) and typechecker.
func parseOptions(info *pulumirpc.ProgramInfo) (toolchain.PythonOptions, error) {
	opts := toolchain.PythonOptions{Root: info.GetRootDirectory(), ProgramDir: info.GetProgramDirectory()}
	values := map[string]any{}
	if info.GetOptions() != nil {
		values = info.GetOptions().AsMap()
	}
	if v, ok := values["virtualenv"]; ok {
		s, isString := v.(string)
		if !isString {
			return opts, errors.New("virtualenv option must be a string")
		}
		opts.Virtualenv = s
	}
	if v, ok := values["toolchain"]; ok {
		s, _ := v.(string)
		switch s {
		case "pip":
			opts.Toolchain = toolchain.Pip
		case "poetry":
			opts.Toolchain = toolchain.Poetry
		case "uv":
			opts.Toolchain = toolchain.Uv
		default:
			return opts, fmt.Errorf("unsupported toolchain option: %v", v)
		}
	}
	if v, ok := values["typechecker"]; ok {
		return opts, fmt.Errorf("the typechecker option (%v) is not supported by this repository's Python language host", v)
	}
	return opts, nil
}

func resolve(info *pulumirpc.ProgramInfo) (toolchain.Toolchain, error) {
	opts, err := parseOptions(info)
	if err != nil {
		return nil, err
	}
	return toolchain.ResolveToolchain(opts)
}

// engineLog is a writer whose lines go to the engine as ephemeral messages (the output of creating a virtualenv).
type engineLog struct {
	ctx      context.Context
	client   pulumirpc.EngineClient
	stream   int32
	severity pulumirpc.LogSeverity
}

func (w *engineLog) Write(p []byte) (int, error) {
	_, err := w.client.Log(w.ctx, &pulumirpc.LogRequest{
		Message:   strings.ToValidUTF8(string(p), "?"),
		Ephemeral: true,
		StreamId:  w.stream,
		Severity:  w.severity,
	})
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// engineWriters returns writers for information and errors that log to the engine, and a function that closes them.
func (h *host) engineWriters(ctx context.Context) (*engineLog, *engineLog, func(), error) {
	conn, err := grpc.NewClient(h.engine(), grpc.WithTransportCredentials(insecure.NewCredentials()), rpcutil.GrpcChannelOptions())
	if err != nil {
		return nil, nil, nil, fmt.Errorf("language host could not make connection to engine: %w", err)
	}
	client := pulumirpc.NewEngineClient(conn)
	stream := rand.Int31() //nolint:gosec // a stream id, not a secret
	info := &engineLog{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_INFO}
	errs := &engineLog{ctx: ctx, client: client, stream: stream, severity: pulumirpc.LogSeverity_ERROR}
	return info, errs, func() { _ = conn.Close() }, nil
}
