package dev.kiroku.archfixture.bad.order.service;

import dev.kiroku.archfixture.bad.invoice.service.InvoiceService;
import dev.kiroku.archfixture.bad.order.Order;
import dev.kiroku.archfixture.bad.order.rest.OrderResource;

/** Wrong way: a service that imports REST (and a cycle with the feature "invoice"; methods, not constants, which javac would inline). */
public class OrderService {
    public static Order normalise(Order order) {
        return new Order(order.id().strip() + OrderResource.suffix() + InvoiceService.prefix());
    }
}
