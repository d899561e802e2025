using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Cascade.LoadGenerator;

/// <summary>Sends requests with a fixed number in flight until the request count or the duration is reached.</summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = options.Url, Timeout = TimeSpan.FromSeconds(60) };
        byte[] body = Body(options);
        string path = options.Api == "anthropic" ? "v1/messages" : "v1/chat/completions";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(options.Duration);

        int issued = 0;
        int succeeded = 0;
        var latencies = new ConcurrentBag<double[]>();
        var failures = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long start = Stopwatch.GetTimestamp();

        async Task WorkerAsync()
        {
            var mine = new List<double>();
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= options.Requests)
            {
                long sent = Stopwatch.GetTimestamp();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    if (options.Api == "anthropic")
                    {
                        request.Headers.Add("x-api-key", options.Key);
                        request.Headers.Add("anthropic-version", "2023-06-01");
                    }
                    else
                    {
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Key);
                    }

                    using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, stop.Token);
                    await response.Content.ReadAsByteArrayAsync(stop.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        Interlocked.Increment(ref succeeded);
                    }
                    else
                    {
                        failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    Interlocked.Decrement(ref issued);
                    break;
                }
                catch (HttpRequestException ex)
                {
                    failures.AddOrUpdate(ex.HttpRequestError.ToString(), 1, (_, n) => n + 1);
                }
            }

            latencies.Add([.. mine]);
        }

        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(_ => Task.Run(WorkerAsync, CancellationToken.None)));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        double[] all = [.. latencies.SelectMany(l => l)];
        Array.Sort(all);
        return new LoadResult(Math.Min(issued, options.Requests), succeeded, elapsed, all, failures);
    }

    internal static byte[] Body(LoadOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("model", options.Model);
            json.WriteNumber("max_tokens", options.MaxTokens);
            if (options.Stream)
            {
                json.WriteBoolean("stream", true);
            }

            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", options.Prompt);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
