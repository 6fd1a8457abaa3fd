package dev.kiroku.jointuse.group;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** The joint use published in privacy policy 002 (第3 (1) 共同利用), with an illustrative address and representative. */
public final class JointUseFixtures {

    public static final Party RESPONSIBLE = new Party("GMOグローバルサイン・ホールディングス株式会社",
            "東京都渋谷区道玄坂1丁目2番3号", "代表取締役社長 山田 太郎", "1011001034467");
    public static final Member GROUP_COMPANY = new Member("GMOグローバルサイン株式会社", "東京都渋谷区道玄坂1丁目2番3号",
            "代表取締役 佐藤 一郎", "JP", "3011001109553");
    public static final Member FOREIGN_MEMBER = new Member("GlobalSign NV", "Martelarenplein 13, 3000 Leuven",
            "Managing Director", "BE", null);

    private JointUseFixtures() {
    }

    public static JointUseDefinition policy002() {
        return new JointUseDefinition("GMOグローバルサイン・ホールディングス グループ共同利用", null,
                List.of("お名前", "ご住所", "E-Mailアドレス", "電話番号", "契約情報"),
                new MemberScope("当社グループ各社に記載の「関連会社・子会社」とします。", List.of(GROUP_COMPANY, FOREIGN_MEMBER)),
                List.of("当社において定める「個人情報の利用目的」の範囲とし、これを共同利用会社全社共通の利用目的とします。"),
                RESPONSIBLE);
    }

    public static JointUseDefinition withResponsible(JointUseDefinition d, Party p) {
        return new JointUseDefinition(d.name(), d.statement(), d.dataItems(), d.scope(), d.purposes(), p);
    }

    public static JointUseDefinition withPurposes(JointUseDefinition d, List<String> purposes) {
        return new JointUseDefinition(d.name(), d.statement(), d.dataItems(), d.scope(), purposes, d.responsibleParty());
    }

    public static JointUseDefinition withItems(JointUseDefinition d, List<String> items) {
        return new JointUseDefinition(d.name(), d.statement(), items, d.scope(), d.purposes(), d.responsibleParty());
    }

    public static JointUseDefinition withMembers(JointUseDefinition d, List<Member> members) {
        return new JointUseDefinition(d.name(), d.statement(), d.dataItems(),
                new MemberScope(d.scope().description(), members), d.purposes(), d.responsibleParty());
    }

    /** 10:00 in Tokyo on the given day. */
    public static Instant tokyo(LocalDate day) {
        return day.atTime(10, 0).atZone(ZoneId.of("Asia/Tokyo")).toInstant();
    }
}
