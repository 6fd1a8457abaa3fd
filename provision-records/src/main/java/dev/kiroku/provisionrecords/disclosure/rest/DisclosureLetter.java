package dev.kiroku.provisionrecords.disclosure.rest;

import dev.kiroku.provisionrecords.config.ProvisionRecordsConfig;
import dev.kiroku.provisionrecords.disclosure.DisclosureOutcome;
import dev.kiroku.provisionrecords.disclosure.DisclosureRequest;
import dev.kiroku.provisionrecords.disclosure.RefusalGround;
import dev.kiroku.provisionrecords.provision.Direction;
import dev.kiroku.provisionrecords.provision.LegalBasis;
import dev.kiroku.provisionrecords.provision.ProvisionRecord;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The content of a disclosure answer in one language (ja or en): the lines of the records disclosed (date,
 * counterparty, items, basis) and the letter's sentences. Rendered as JSON, CSV and PDF from the same content.
 */
record DisclosureLetter(String language, String title, String addressee, String answeredOn, String intro,
                        String range, List<String> columns, List<Line> lines, String closing, String business,
                        String contact, String reference) {

    /** One disclosed record. */
    record Line(UUID recordId, String direction, String date, String counterparty, String counterpartyAddress,
                String items, String basis) {
    }

    static final DateTimeFormatter JA_DATE = DateTimeFormatter.ofPattern("uuuu年M月d日", Locale.JAPAN);
    static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    static DisclosureLetter of(String language, DisclosureRequest request, String subjectIdentifier,
            List<ProvisionRecord> records, ProvisionRecordsConfig.Business business) {
        boolean ja = "ja".equals(language);
        LocalDate answered = LocalDate.ofInstant(request.answeredAt(), ProvisionRecord.LEGAL_ZONE);
        LocalDate received = LocalDate.ofInstant(request.receivedAt(), ProvisionRecord.LEGAL_ZONE);
        String name = records.stream().map(r -> r.event().subject()).filter(s -> s != null && s.name() != null)
                .map(s -> s.name()).findFirst().orElse(null);
        String addressee = ja ? (name == null ? "ご請求者（" + subjectIdentifier + "）" : name) + " 様"
                : "To " + (name == null ? "the requester (" + subjectIdentifier + ")" : name);
        List<Line> lines = new ArrayList<>();
        for (ProvisionRecord r : records) {
            var e = r.event();
            String date = e.providedOn() != null ? date(e.providedOn(), ja)
                    : date(e.period().first(), ja) + (ja ? "～" : " to ")
                    + (e.period().last() == null ? (ja ? "継続中" : "continuing") : date(e.period().last(), ja));
            List<String> items = new ArrayList<>(e.dataItems().stream().map(i -> i.label(language)).toList());
            items.addAll(e.otherItems());
            String counterparty = switch (e.counterparty().kind()) {
                case MANY_UNSPECIFIED -> ja ? "不特定かつ多数の者" : "Many unspecified persons";
                default -> e.counterparty().name();
            };
            lines.add(new Line(r.id(), direction(e.direction(), ja), date, counterparty,
                    e.counterparty().address(), String.join(ja ? "、" : ", ", items), basis(e.legalBasis(), ja)));
        }
        String range = request.rangeFrom() == null && request.rangeTo() == null ? (ja ? "全期間" : "all dates")
                : (request.rangeFrom() == null ? "" : date(request.rangeFrom(), ja)) + (ja ? "～" : " to ")
                + (request.rangeTo() == null ? "" : date(request.rangeTo(), ja));
        String intro;
        String closing;
        if (ja) {
            intro = date(received, true) + "付けでご請求のありました第三者提供記録の開示について、個人情報の保護に関する法律"
                    + "第33条第5項に基づき、下記のとおり回答いたします。";
            closing = switch (request.outcome()) {
                case DISCLOSED -> "上記のとおり開示いたします。";
                case NO_RECORDS -> "ご請求の対象期間において、ご本人に関する第三者提供記録は存在しません"
                        + "（同法第33条第3項に基づくお知らせ）。";
                case REFUSED -> "ご請求の第三者提供記録については、" + refusal(request.refusalGround(), true)
                        + "に該当するため、開示しないことといたしました（同法第33条第3項に基づくお知らせ）。"
                        + (request.refusalDetail() == null ? "" : "理由：" + request.refusalDetail());
            };
        } else {
            intro = "We answer your request of " + date(received, false) + " for disclosure of the records of "
                    + "provision to third parties about you, under Article 33(5) of the Act on the Protection of "
                    + "Personal Information, as follows.";
            closing = switch (request.outcome()) {
                case DISCLOSED -> "The records above are disclosed to you.";
                case NO_RECORDS -> "No record of provision to or from a third party about you exists for the period "
                        + "you asked about (notice under Article 33(3)).";
                case REFUSED -> "We decided not to disclose the records you asked for, because "
                        + refusal(request.refusalGround(), false) + " (notice under Article 33(3))."
                        + (request.refusalDetail() == null ? "" : " Reason: " + request.refusalDetail());
            };
        }
        List<String> columns = ja ? List.of("区分", "年月日", "提供先・提供元", "個人データの項目", "根拠")
                : List.of("Direction", "Date", "Recipient / provider", "Items of personal data", "Basis");
        return new DisclosureLetter(language, ja ? "第三者提供記録の開示について" : "Disclosure of records of provision "
                + "to third parties", addressee, date(answered, ja), intro, (ja ? "対象期間：" : "Period: ") + range,
                columns, request.outcome() == DisclosureOutcome.DISCLOSED ? lines : List.of(), closing,
                ja ? business.nameJa() : business.nameEn(), ja ? business.contact() : business.contactEn(),
                (ja ? "受付番号：" : "Reference: ") + request.id());
    }

    static String date(LocalDate day, boolean ja) {
        return day.format(ja ? JA_DATE : EN_DATE);
    }

    static String direction(Direction direction, boolean ja) {
        return switch (direction) {
            case PROVIDED -> ja ? "当社から第三者への提供" : "Provided by us to a third party";
            case RECEIVED -> ja ? "第三者からの受領" : "Received by us from a third party";
        };
    }

    static String basis(LegalBasis basis, boolean ja) {
        return switch (basis) {
            case CONSENT_27_1 -> ja ? "ご本人の同意（法第27条第1項）" : "Your consent (Art. 27(1))";
            case CONSENT_28_1 -> ja ? "外国にある第三者への提供についてのご本人の同意（法第28条第1項）"
                    : "Your consent to provision to a third party abroad (Art. 28(1))";
            case OPT_OUT_27_2 -> ja ? "オプトアウトによる第三者提供（法第27条第2項）" : "Opt-out provision (Art. 27(2))";
            case FROM_NON_BUSINESS -> ja ? "個人情報取扱事業者以外の者からの受領（規則第24条第1項第3号）"
                    : "Received from a person who is not a business (Rule 24(1)(iii))";
            default -> ja ? "外国にある第三者への提供（法第28条第1項の同意、" + basis.article() + "）"
                    : "Provision to a third party abroad on Art. 28(1) consent (" + basis.article() + ")";
        };
    }

    static String refusal(RefusalGround ground, boolean ja) {
        return switch (ground) {
            case HARM_TO_PERSONS -> ja ? "開示によりご本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがある場合"
                    + "（同法第33条第2項第1号）" : "disclosure could harm the life, body, property or other rights and "
                    + "interests of you or a third party (Art. 33(2)(i))";
            case SERIOUS_HINDRANCE_TO_BUSINESS -> ja ? "開示により当社の業務の適正な実施に著しい支障を及ぼすおそれがある場合"
                    + "（同法第33条第2項第2号）" : "disclosure could seriously hinder the proper conduct of our business "
                    + "(Art. 33(2)(ii))";
            case VIOLATION_OF_OTHER_LAWS -> ja ? "開示が他の法令に違反することとなる場合（同法第33条第2項第3号）"
                    : "disclosure would violate other laws (Art. 33(2)(iii))";
        };
    }
}
