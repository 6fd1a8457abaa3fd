package dev.kiroku.archfixture.good.invoice.service;

import dev.kiroku.archfixture.good.order.Order;
import dev.kiroku.archfixture.good.order.service.OrderService;

/** Another feature uses "order" through its service, never its repository. */
public class InvoiceService {
    private final OrderService orders = new OrderService();

    public Order invoiced(String id) {
        return orders.order(id);
    }
}
