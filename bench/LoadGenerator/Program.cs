using Cascade.LoadGenerator;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine();
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

LoadResult result = await LoadRunner.RunAsync(options, cancel.Token);
Console.Write(result.Format(options));
return result.Succeeded > 0 ? 0 : 1;
