namespace Cascade.SupportChatDemo.Orders;

/// <summary>An order in the store's order book.</summary>
/// <param name="Id">The order number, such as <c>A12345</c>.</param>
/// <param name="Status">The order's status, such as <c>shipped</c>.</param>
/// <param name="Carrier">The carrier, when shipped.</param>
/// <param name="EstimatedDelivery">The expected delivery date, when known.</param>
/// <param name="Items">What was ordered.</param>
public sealed record Order(string Id, string Status, string? Carrier, DateOnly? EstimatedDelivery, IReadOnlyList<string> Items);
