namespace Cascade.Router;

/// <summary>A key's spend in the current UTC day and month.</summary>
/// <param name="KeyId">The key.</param>
/// <param name="Day">The UTC day (<c>yyyyMMdd</c>).</param>
/// <param name="DailyCommitted">USD billed today plus USD reserved by requests still running.</param>
/// <param name="DailyBilled">USD billed today.</param>
/// <param name="Month">The UTC month (<c>yyyyMM</c>).</param>
/// <param name="MonthlyCommitted">USD billed this month plus USD reserved by requests still running.</param>
/// <param name="MonthlyBilled">USD billed this month.</param>
public sealed record SpendSnapshot(string KeyId, string Day, decimal DailyCommitted, decimal DailyBilled, string Month, decimal MonthlyCommitted, decimal MonthlyBilled);
