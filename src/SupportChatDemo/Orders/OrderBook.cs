namespace Cascade.SupportChatDemo.Orders;

/// <summary>A small in-memory order book the order-status tool reads.</summary>
public sealed class OrderBook
{
    private readonly Dictionary<string, Order> _orders;

    /// <summary>Initializes an order book holding <paramref name="orders"/>.</summary>
    public OrderBook(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        _orders = orders.ToDictionary(o => Normalize(o.Id), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Gets the demo's sample orders.</summary>
    public static OrderBook Sample { get; } = new(
    [
        new Order("A12345", "shipped", "UPS", new DateOnly(2026, 12, 4), ["Trail running shoes"]),
        new Order("A23456", "processing", null, new DateOnly(2026, 12, 8), ["Rain jacket", "Wool socks (3 pairs)"]),
        new Order("ORD-1001", "delivered", "DHL", new DateOnly(2026, 11, 27), ["Espresso machine"]),
        new Order("ORD-1002", "cancelled", null, null, ["Gift card $50"]),
        new Order("48213", "out for delivery", "FedEx", new DateOnly(2026, 12, 1), ["Desk lamp"]),
    ]);

    /// <summary>Gets every order.</summary>
    public IReadOnlyCollection<Order> Orders => _orders.Values;

    /// <summary>Finds an order by number; accepts <c>#48213</c>, <c>ord-1001</c> and surrounding spaces.</summary>
    public Order? Find(string? orderId) =>
        string.IsNullOrWhiteSpace(orderId) ? null : _orders.GetValueOrDefault(Normalize(orderId));

    private static string Normalize(string id) => id.Trim().TrimStart('#').ToUpperInvariant();
}
