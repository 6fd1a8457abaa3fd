package dev.kiroku.archfixture.good.order.rest;

import dev.kiroku.archfixture.good.order.Order;
import dev.kiroku.archfixture.good.order.service.OrderService;

public class OrderResource {
    private final OrderService service = new OrderService();

    public Order get(String id) {
        return service.order(id);
    }
}
