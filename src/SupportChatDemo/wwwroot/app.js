"use strict";
(() => {
  const form = document.getElementById("chat-form");
  const input = document.getElementById("message");
  const send = document.getElementById("send");
  const messages = document.getElementById("messages");
  const totalCost = document.getElementById("total-cost");
  const history = [];
  let total = 0;

  const add = (cls, text) => {
    const div = document.createElement("div");
    div.className = "message " + cls;
    div.textContent = text;
    messages.appendChild(div);
    div.scrollIntoView();
    return div;
  };

  const field = (parent, cls, text) => {
    const span = document.createElement("span");
    span.className = cls;
    span.textContent = text;
    parent.appendChild(span);
  };

  const showRoute = (div, reply) => {
    const route = document.createElement("div");
    route.className = "route";
    const r = reply.route;
    if (r) {
      field(route, "tier", "tier: " + (r.tier ?? "?"));
      field(route, "model", "model: " + (r.model ?? "?"));
      field(route, "reason", "why: " + r.reason);
    } else {
      field(route, "reason", "the router reported no route");
    }
    if (reply.tools.length > 0) {
      field(route, "tools", "tools: " + reply.tools.map(t => t.name + " " + t.arguments).join(", "));
    }
    if (reply.calls.length > 1) {
      field(route, "calls", reply.calls.length + " router calls (" + reply.calls.map(c => c.tier ?? "?").join(" → ") + ")");
    }
    field(route, "cost", "cost: $" + reply.totalCostUsd);
    if (r && r.steps && r.steps.length > 0) {
      const list = document.createElement("ol");
      list.className = "steps";
      for (const step of r.steps) {
        const item = document.createElement("li");
        item.textContent = step.tier + " (" + step.model + "): " + step.kind + " → " + step.outcome +
          (step.detail ? " — " + step.detail : "") + ", $" + step.costUsd;
        list.appendChild(item);
      }
      route.appendChild(list);
    }
    div.appendChild(route);
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const message = input.value.trim();
    if (!message) return;
    add("user", message);
    input.value = "";
    send.disabled = true;
    try {
      const response = await fetch("api/chat", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ message, history }),
      });
      const body = await response.json();
      if (!response.ok) {
        add("error", (body.title ?? "Error") + ": " + (body.detail ?? response.status));
        return;
      }
      const div = add("assistant", body.answer);
      showRoute(div, body);
      history.push({ role: "user", content: message }, { role: "assistant", content: body.answer });
      total += body.totalCostUsd;
      totalCost.textContent = total.toFixed(6);
    } catch (error) {
      add("error", "The chat service could not be reached: " + error);
    } finally {
      send.disabled = false;
      input.focus();
    }
  });
})();
