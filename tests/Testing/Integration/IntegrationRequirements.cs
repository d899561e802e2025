using Xunit;

namespace Cascade.Testing.Integration;

/// <summary>
/// What integration tests need from the machine (<c>redis-server</c>, <c>chromium</c>, ...). A missing tool skips the
/// test with a plain reason and the install command, unless <see cref="RequiredVariable"/> is <c>1</c>: then the
/// test fails instead, so CI cannot pass by skipping.
/// </summary>
/// <example>
/// <code>
/// [Fact]
/// public async Task Store_SharesStateThroughRedis()
/// {
///     var redisServer = IntegrationRequirements.RedisServer();
///     ...
/// }
/// </code>
/// </example>
public static class IntegrationRequirements
{
    /// <summary>The environment variable that turns a missing requirement from a skip into a failure.</summary>
    public const string RequiredVariable = "CASCADE_REQUIRE_INTEGRATION";

    /// <summary>Gets a value indicating whether missing requirements fail tests rather than skip them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>Returns the path of <c>redis-server</c> on <c>PATH</c>, or skips (or fails) the calling test.</summary>
    public static string RedisServer() =>
        Executable("redis-server", "sudo apt-get install redis-server");

    /// <summary>Returns the path of a Chromium browser on <c>PATH</c>, or skips (or fails) the calling test.</summary>
    /// <remarks>Looks for <c>chromium</c>, then <c>chromium-browser</c>, then <c>google-chrome</c>.</remarks>
    public static string Chromium() =>
        Executable(["chromium", "chromium-browser", "google-chrome"], "sudo apt-get install chromium chromium-driver");

    /// <summary>Returns the path of <c>chromedriver</c> on <c>PATH</c>, or skips (or fails) the calling test.</summary>
    public static string ChromeDriver() =>
        Executable("chromedriver", "sudo apt-get install chromium-driver");

    /// <summary>Returns the path of the executable <paramref name="name"/> on <c>PATH</c>, or skips (or fails) the calling test.</summary>
    /// <param name="name">The executable's file name.</param>
    /// <param name="installCommand">The command that installs it, quoted in the skip reason.</param>
    public static string Executable(string name, string installCommand) => Executable([name], installCommand);

    /// <summary>Returns the path of the first of <paramref name="names"/> found on <c>PATH</c>, or skips (or fails) the calling test.</summary>
    /// <param name="names">Executable file names, in order of preference.</param>
    /// <param name="installCommand">The command that installs one of them, quoted in the skip reason.</param>
    public static string Executable(IReadOnlyList<string> names, string installCommand)
    {
        ArgumentOutOfRangeException.ThrowIfZero(names.Count);
        foreach (var name in names)
        {
            if (ExecutableSearch.Find(name) is { } path)
            {
                return path;
            }
        }

        Unavailable($"{names[0]} is not installed (looked on PATH for {string.Join(", ", names)}); install it with `{installCommand}`");
        return null!; // Unreachable: Unavailable always throws.
    }

    /// <summary>Skips the calling test with <paramref name="reason"/>, or fails it when <see cref="IsRequired"/>.</summary>
    /// <param name="reason">What is missing and how to get it.</param>
    public static void Unavailable(string reason)
    {
        if (IsRequired)
        {
            Assert.Fail($"{reason}. {RequiredVariable}=1 makes this a failure instead of a skip.");
        }

        Assert.Skip($"{reason}. Skipped; set {RequiredVariable}=1 to make this a failure.");
    }
}
