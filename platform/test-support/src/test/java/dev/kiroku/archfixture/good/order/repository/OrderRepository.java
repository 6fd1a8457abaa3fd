package dev.kiroku.archfixture.good.order.repository;

import dev.kiroku.archfixture.good.order.Order;

public class OrderRepository {
    public Order find(String id) {
        return new Order(id);
    }
}
