using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Cascade.SupportChatDemo.Routing;
using Microsoft.SemanticKernel;

namespace Cascade.SupportChatDemo.Orders;

/// <summary>The kernel's order tools.</summary>
/// <param name="orders">The order book to read.</param>
public sealed class OrderStatusPlugin(OrderBook orders)
{
    /// <summary>The function name the model sees.</summary>
    public const string FunctionName = "get_order_status";

    /// <summary>Looks up an order's status, carrier, expected delivery and items.</summary>
    /// <param name="order_id">The order number, such as A12345 or ORD-1001.</param>
    [KernelFunction(FunctionName)]
    [Description("Looks up the status, carrier, expected delivery date and items of a customer's order by its order number.")]
    public string GetOrderStatus([Description("The order number, such as A12345, ORD-1001 or 48213.")] string order_id)
    {
        Order? order = orders.Find(order_id);
        string result = order is null
            ? JsonSerializer.Serialize(new { order_id, found = false, message = $"No order {order_id} exists; ask the customer to check the number." })
            : JsonSerializer.Serialize(new
            {
                order_id = order.Id,
                status = order.Status,
                carrier = order.Carrier,
                estimated_delivery = order.EstimatedDelivery?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                items = order.Items,
            });
        ChatTurn.Current?.Add(new ToolInvocation(FunctionName, JsonSerializer.Serialize(new { order_id }), result));
        return result;
    }
}
