package dev.kiroku.archfixture.bad.invoice.service;

import dev.kiroku.archfixture.bad.order.Order;
import dev.kiroku.archfixture.bad.order.repository.OrderRepository;

/** Wrong way: another feature's repository. */
public class InvoiceService {
    public static String prefix() {
        return "";
    }

    public Order invoiced(String id) {
        return new OrderRepository().find(id);
    }
}
