package dev.kiroku.archfixture.good.order;

/** A domain type of the fixture's feature "order". */
public record Order(String id) {
}
