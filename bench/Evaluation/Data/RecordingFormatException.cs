namespace Cascade.Evaluation.Data;

/// <summary>A recording row is malformed; the message names the file, the line and the field to fix.</summary>
public sealed class RecordingFormatException : FormatException
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="path">The file.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="field">The field (a JSON path or a CSV column).</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    /// <param name="inner">The parser's error, if any.</param>
    public RecordingFormatException(string path, int line, string field, string problem, Exception? inner = null)
        : base($"{path}:{line}: field '{field}': {problem}", inner)
    {
        FilePath = path;
        Line = line;
        Field = field;
    }

    /// <summary>Gets the file.</summary>
    public string FilePath { get; }

    /// <summary>Gets the 1-based line.</summary>
    public int Line { get; }

    /// <summary>Gets the field.</summary>
    public string Field { get; }
}
