// Package langhost is what this repository's language hosts (nodejs-host, python-host) share: serving the
// LanguageRuntime protocol as Pulumi's hosts do.
package langhost

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Serve serves the host on a port the kernel chooses, prints the port (the engine reads it from stdout), and
// returns when serving ends. Given the engine's address (the host's first argument), it health-checks the engine
// and stops serving when the engine is gone, as Pulumi's hosts do, so that a host never outlives its engine.
func Serve(name string, host pulumirpc.LanguageRuntimeServer, engineAddress string) {
	serving, stopServing := context.WithCancel(context.Background())
	defer stopServing()
	stop := make(chan bool)
	go func() { <-serving.Done(); close(stop) }()
	if engineAddress != "" {
		if err := rpcutil.Healthcheck(serving, engineAddress, 5*time.Minute, stopServing); err != nil {
			Fail(name, err)
		}
	}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: stop,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		Fail(name, err)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		Fail(name, err)
	}
}

// Fail prints the error as the host's and exits 1.
func Fail(name string, err error) {
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	os.Exit(1)
}
