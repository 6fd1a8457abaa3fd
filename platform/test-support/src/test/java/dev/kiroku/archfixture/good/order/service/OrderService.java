package dev.kiroku.archfixture.good.order.service;

import dev.kiroku.archfixture.good.order.Order;
import dev.kiroku.archfixture.good.order.repository.OrderRepository;

public class OrderService {
    private final OrderRepository repository = new OrderRepository();

    public Order order(String id) {
        return repository.find(id);
    }
}
