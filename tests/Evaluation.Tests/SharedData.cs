namespace Cascade.Evaluation.Tests;

/// <summary>The recorded LLM responses kept beside the repository (<c>../shared/data/recorded-llm-responses</c>), when present.</summary>
internal static class SharedData
{
    /// <summary>Gets the folder, found by walking up from the test binaries to a folder holding <c>shared/data/recorded-llm-responses</c>; <see langword="null"/> when there is none.</summary>
    public static string? Folder
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "shared", "data", "recorded-llm-responses");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }
    }
}
