package dev.kiroku.archfixture.bad.order;

public record Order(String id) {
}
