namespace Cascade.Router;

/// <summary>A spend cap of an API key.</summary>
public enum SpendCap
{
    /// <summary>The USD a key may spend per UTC day.</summary>
    Daily,

    /// <summary>The USD a key may spend per UTC calendar month.</summary>
    Monthly,
}
