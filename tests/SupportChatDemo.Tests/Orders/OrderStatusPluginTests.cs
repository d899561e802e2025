using System.Text.Json;
using Cascade.SupportChatDemo.Orders;
using Cascade.SupportChatDemo.Routing;

namespace Cascade.SupportChatDemo.Tests.Orders;

public sealed class OrderStatusPluginTests
{
    [Theory]
    [InlineData("A12345", "shipped")]
    [InlineData(" a12345 ", "shipped")]
    [InlineData("ord-1001", "delivered")]
    [InlineData("#48213", "out for delivery")]
    public void GetOrderStatus_FindsTheOrder_WhateverTheSpelling(string orderId, string status)
    {
        OrderStatusPlugin plugin = new(OrderBook.Sample);

        using JsonDocument result = JsonDocument.Parse(plugin.GetOrderStatus(orderId));

        result.RootElement.GetProperty("status").GetString().ShouldBe(status);
    }

    [Fact]
    public void GetOrderStatus_ForAnUnknownOrder_SaysSoInsteadOfInventing()
    {
        OrderStatusPlugin plugin = new(OrderBook.Sample);

        using JsonDocument result = JsonDocument.Parse(plugin.GetOrderStatus("Z99999"));

        result.RootElement.GetProperty("found").GetBoolean().ShouldBeFalse();
        result.RootElement.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("Z99999");
    }

    [Fact]
    public void GetOrderStatus_RecordsItselfInTheCurrentTurn()
    {
        OrderStatusPlugin plugin = new(new OrderBook([new Order("B1", "packed", null, null, ["Mug"])]));

        using (ChatTurn.Begin(out ChatTurn turn))
        {
            string result = plugin.GetOrderStatus("B1");

            ToolInvocation tool = turn.Tools.ShouldHaveSingleItem();
            tool.Name.ShouldBe(OrderStatusPlugin.FunctionName);
            tool.Arguments.ShouldBe("{\"order_id\":\"B1\"}");
            tool.Result.ShouldBe(result);
        }
    }

    [Fact]
    public void Find_WithBlankNumber_IsNull() => OrderBook.Sample.Find("  ").ShouldBeNull();
}
