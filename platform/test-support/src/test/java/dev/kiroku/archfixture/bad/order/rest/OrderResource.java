package dev.kiroku.archfixture.bad.order.rest;

import dev.kiroku.archfixture.bad.order.Order;
import dev.kiroku.archfixture.bad.order.repository.OrderRepository;

/** Wrong way: REST straight to the repository. */
public class OrderResource {
    public static String suffix() {
        return "";
    }

    public Order get(String id) {
        return new OrderRepository().find(id);
    }
}
