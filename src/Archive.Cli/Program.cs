using Archive.Cli.Local;

var app = LocalHost.Build(args, LocalHost.DefaultUrl);
await app.RunAsync();
