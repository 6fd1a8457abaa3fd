package dev.kiroku.archfixture.bad.order.repository;

import dev.kiroku.archfixture.bad.order.Order;
import dev.kiroku.archfixture.bad.order.service.OrderService;

/** Wrong way: a repository that imports a service. */
public class OrderRepository {
    public Order find(String id) {
        return OrderService.normalise(new Order(id));
    }
}
