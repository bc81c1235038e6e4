using Archive.Benchmarks;
using BenchmarkDotNet.Running;

// bench/*.sh call these (parsing a folder is bench/Archive.ParseBench); anything else goes to BenchmarkDotNet (e.g. --filter '*').
string Arg(int i, string fallback) => args.Length > i ? args[i] : fallback;
return args.FirstOrDefault() switch
{
    "generate" => Commands.Generate(int.Parse(Arg(1, "10000")), Arg(2, "corpus"), int.Parse(Arg(3, "42")), Arg(4, string.Empty) == "rich"),
    "upserts" => await Commands.UpsertsAsync(Arg(1, "UseDevelopmentStorage=true"), int.Parse(Arg(2, "10000"))),
    "uploads" => await Commands.UploadsAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "corpus")),
    "ingest" => await Commands.IngestAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "posts"), Arg(3, "corpus"), new Uri(Arg(4, "http://localhost:7071/api/"))),
    "trickle" => await Commands.TrickleAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "posts"), Arg(3, "corpus"), int.Parse(Arg(4, "10"))),
    "remove" => await Commands.RemoveAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "posts"), Arg(3, "post.md")),
    "storm" => await StormCommand.RunAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "corpus"), [.. Arg(3, "1,16,64").Split(',').Select(int.Parse)]),
    "scale" => await ScaleCommand.RunAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "corpus"), [.. Arg(3, "1,10,40,100").Split(',').Select(int.Parse)], int.Parse(Arg(4, "3")), int.Parse(Arg(5, "1000"))),
    "hostile" => HostileCommand.Run(),
    "hostile-files" => HostileCommand.Write(Arg(1, "hostile")),
    "media" => await MediaCommand.RunAsync(Arg(1, "UseDevelopmentStorage=true"), int.Parse(Arg(2, "5"))),
    "requests" => await Commands.RequestsAsync(Arg(1, "UseDevelopmentStorage=true"), Arg(2, "corpus"), int.Parse(Arg(3, "100"))),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(ParserBenchmarks).Assembly).Run(args);
    return 0;
}
